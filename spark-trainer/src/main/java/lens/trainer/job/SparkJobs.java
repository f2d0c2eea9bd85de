package lens.trainer.job;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** The registry of hourly Spark jobs by name. */
public final class SparkJobs {

    public static final String ALS_RETRAIN = "als-retrain";
    /** Results under {@code results/metrics} (see {@link lens.events.LakeLayout#resultsFolder}). */
    public static final String SERVING_METRICS = lens.events.LakeLayout.SERVING_METRICS_JOB;
    public static final String AB_REPORT = "ab-report";

    private static final Map<String, Supplier<LensSparkJob>> JOBS = new LinkedHashMap<>();

    private SparkJobs() {
    }

    /** Jobs register here from their own package's static initializer or from {@link #registerDefaults()}. */
    public static synchronized void register(String name, Supplier<LensSparkJob> factory) {
        JOBS.put(name, factory);
    }

    public static synchronized LensSparkJob create(String name) {
        registerDefaults();
        Supplier<LensSparkJob> factory = JOBS.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("unknown Spark job '" + name + "'; known: " + JOBS.keySet());
        }
        return factory.get();
    }

    public static synchronized java.util.Set<String> names() {
        registerDefaults();
        return java.util.Set.copyOf(JOBS.keySet());
    }

    private static void registerDefaults() {
        DefaultJobs.registerAll();
    }
}
