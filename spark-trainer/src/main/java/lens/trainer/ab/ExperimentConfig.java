package lens.trainer.ab;

import java.util.LinkedHashMap;
import java.util.Map;
import lens.trainer.job.JobRequest;

/**
 * How one experiment is analysed. Read from job options; per-experiment keys override global ones:
 * <ul>
 *   <li>{@code ab.control} / {@code ab.<exp>.control} (default {@code control}): the arm others are compared with;
 *       when absent from the data and the split, the first arm alphabetically (reported)</li>
 *   <li>{@code ab.<exp>.split} e.g. {@code control:50,treatment:50}: configured weights; arms listed but without
 *       data are reported as such. Default: equal weights over the arms seen</li>
 *   <li>{@code ab.alpha} (0.05), {@code ab.srm.threshold} (0.001), {@code ab.srm.min-per-arm} (50 expected units)</li>
 *   <li>{@code ab.sequential} (true) and {@code ab.sequential.tuning} (5000): always-valid intervals as well</li>
 *   <li>{@code ab.cuped.pre-hours} (0 = off): CUPED with each unit's activity in that many hours before its
 *       assignment as covariate; which activity is {@code ab.cuped.covariate} (global, see {@link CupedCovariate});
 *       {@code ab.<exp>.cuped=false} leaves one experiment unadjusted</li>
 *   <li>{@code ab.guardrail.latency-tolerance} (0.10): an arm's p95 latency more than this above control's is
 *       degraded; its error rate is degraded when higher than control's with p &lt; alpha (in both scopes)</li>
 * </ul>
 */
public record ExperimentConfig(String control, Map<String, Double> split, double alpha, double srmThreshold,
                               long srmMinPerArm, boolean sequential, double sequentialTuning, boolean cuped,
                               double latencyTolerance) {

    public static ExperimentConfig from(JobRequest request, String experiment) {
        return new ExperimentConfig(
                request.option(key(request, experiment, "control"), "control"),
                parseSplit(request.option(key(request, experiment, "split"), "")),
                request.doubleOption(key(request, experiment, "alpha"), 0.05),
                request.doubleOption(key(request, experiment, "srm.threshold"), 0.001),
                request.longOption(key(request, experiment, "srm.min-per-arm"), 50),
                request.booleanOption(key(request, experiment, "sequential"), true),
                request.doubleOption(key(request, experiment, "sequential.tuning"), 5000),
                cuped(request, experiment),
                request.doubleOption(key(request, experiment, "guardrail.latency-tolerance"), 0.10));
    }

    /**
     * The pre-period is one window for the whole run (its interactions are read once), so it is set globally;
     * an experiment can only opt out. A per-experiment window would be silently ignored: it is refused instead.
     */
    static boolean cuped(JobRequest request, String experiment) {
        if (request.option("ab." + experiment + ".cuped.pre-hours", null) != null) {
            throw new IllegalArgumentException("ab." + experiment + ".cuped.pre-hours is not supported: the CUPED "
                    + "pre-period is global (ab.cuped.pre-hours); ab." + experiment + ".cuped=false turns it off "
                    + "for one experiment");
        }
        return request.intOption("ab.cuped.pre-hours", 0) > 0
                && request.booleanOption("ab." + experiment + ".cuped", true);
    }

    /** The experiment's own key if it is set, else the global one: {@code ab.<experiment>.<name>}, {@code ab.<name>}. */
    private static String key(JobRequest request, String experiment, String name) {
        String own = "ab." + experiment + "." + name;
        return request.option(own, null) != null ? own : "ab." + name;
    }

    static Map<String, Double> parseSplit(String text) {
        Map<String, Double> split = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return split;
        }
        for (String part : text.split(",")) {
            String[] kv = part.trim().split(":");
            if (kv.length != 2 || kv[0].isBlank()) {
                throw new IllegalArgumentException("split takes arm:weight,arm:weight; got '" + text + "'");
            }
            double weight = Double.parseDouble(kv[1].trim());
            if (!(weight > 0)) {
                throw new IllegalArgumentException("split weights must be > 0; got '" + text + "'");
            }
            split.put(kv[0].trim(), weight);
        }
        return split;
    }
}
