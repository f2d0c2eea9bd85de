package lens.batch.config;

import java.util.List;
import java.util.Map;
import lens.events.Topic;

/**
 * How the batch side treats one Spark job.
 *
 * @param inputs          topics whose hour must be complete ({@code _MANIFEST.json}) before the job runs
 * @param catchUp         what to do with hours missed while the scheduler was down
 * @param rerunOnLateData re-run (as a new version) when an input hour's manifest revision rises
 * @param options         job options passed to the Spark job ({@code JobRequest.options})
 */
public record JobSettings(List<Topic> inputs, CatchUp catchUp, Boolean rerunOnLateData,
                          Map<String, String> options) {

    public JobSettings {
        inputs = inputs == null ? List.of() : List.copyOf(inputs);
        catchUp = catchUp == null ? CatchUp.EVERY_HOUR : catchUp;
        rerunOnLateData = rerunOnLateData == null ? Boolean.TRUE : rerunOnLateData;
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    /** Built-in settings of the jobs that ship with LENS; {@code lens.batch.job-settings.<job>} overrides them. */
    public static JobSettings builtIn(String job) {
        return switch (job) {
            case "als-retrain" -> new JobSettings(List.of(Topic.USER_INTERACTIONS), CatchUp.LATEST_ONLY, false, null);
            case "serving-metrics" -> new JobSettings(
                    List.of(Topic.RECOMMENDATION_REQUESTS, Topic.RECOMMENDATION_RESPONSES), CatchUp.EVERY_HOUR, true, null);
            case "ab-report" -> new JobSettings(List.of(Topic.AB_TEST_EVENTS), CatchUp.EVERY_HOUR, true, null);
            default -> new JobSettings(List.of(), CatchUp.EVERY_HOUR, true, null);
        };
    }
}
