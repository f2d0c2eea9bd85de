package lens.batch.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lens.events.Topic;

/**
 * How the batch side treats one Spark job.
 *
 * @param inputs          topics whose hour must be complete ({@code _MANIFEST.json}) before the job runs
 * @param upstream        jobs whose per-hour results the job reads: it waits until each hour it covers whose
 *                        upstream inputs are complete has a completed upstream run, and re-runs when one of those
 *                        hours gets a new upstream version
 * @param cadence         one result per hour or per UTC day
 * @param catchUp         what to do with windows missed while the scheduler was down
 * @param rerunOnLateData re-run (as a new version) when an input hour's manifest revision or an upstream version
 *                        rises
 * @param options         job options passed to the Spark job ({@code JobRequest.options})
 */
public record JobSettings(List<Topic> inputs, List<String> upstream, Cadence cadence, CatchUp catchUp,
                          boolean rerunOnLateData, Map<String, String> options) {

    public JobSettings {
        inputs = inputs == null ? List.of() : List.copyOf(inputs);
        upstream = upstream == null ? List.of() : List.copyOf(upstream);
        cadence = cadence == null ? Cadence.HOURLY : cadence;
        catchUp = catchUp == null ? CatchUp.EVERY_HOUR : catchUp;
        options = options == null ? Map.of() : Map.copyOf(options);
        if (cadence != Cadence.HOURLY && !inputs.isEmpty()) {
            // A longer window would need every covered hour's manifests; such jobs read hourly results instead.
            throw new IllegalArgumentException("a " + cadence + " job reads hourly results (upstream), not input "
                    + "topics; inputs were " + inputs);
        }
    }

    /** Built-in settings of the jobs that ship with LENS; {@code lens.batch.job-settings.<job>} overrides them. */
    public static JobSettings builtIn(String job) {
        return switch (job) {
            case "als-retrain" -> new JobSettings(List.of(Topic.USER_INTERACTIONS), null, Cadence.HOURLY,
                    CatchUp.LATEST_ONLY, false, null);
            case "serving-metrics" -> new JobSettings(
                    List.of(Topic.RECOMMENDATION_REQUESTS, Topic.RECOMMENDATION_RESPONSES), null, Cadence.HOURLY,
                    CatchUp.EVERY_HOUR, true, null);
            case "serving-metrics-daily" -> new JobSettings(null, List.of("serving-metrics"), Cadence.DAILY,
                    CatchUp.EVERY_HOUR, true, null);
            case "ab-report" -> new JobSettings(List.of(Topic.AB_TEST_EVENTS), null, Cadence.HOURLY,
                    CatchUp.EVERY_HOUR, true, null);
            default -> new JobSettings(null, null, Cadence.HOURLY, CatchUp.EVERY_HOUR, true, null);
        };
    }

    /**
     * {@code lens.batch.job-settings.<job>} as configured: unset fields keep the built-in value, so setting a
     * job's options does not drop its inputs or policies. Options add to the built-in ones.
     */
    public record Overrides(List<Topic> inputs, List<String> upstream, Cadence cadence, CatchUp catchUp,
                            Boolean rerunOnLateData, Map<String, String> options) {

        public JobSettings applyTo(JobSettings base) {
            Map<String, String> merged = new LinkedHashMap<>(base.options());
            if (options != null) {
                merged.putAll(options);
            }
            return new JobSettings(inputs != null ? inputs : base.inputs(),
                    upstream != null ? upstream : base.upstream(), cadence != null ? cadence : base.cadence(),
                    catchUp != null ? catchUp : base.catchUp(),
                    rerunOnLateData != null ? rerunOnLateData : base.rerunOnLateData(), merged);
        }
    }
}
