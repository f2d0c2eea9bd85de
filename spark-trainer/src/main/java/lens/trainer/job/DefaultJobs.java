package lens.trainer.job;

/** Lists the jobs that ship with LENS. Each job's package adds its line here. */
final class DefaultJobs {

    private static boolean registered;

    private DefaultJobs() {
    }

    static void registerAll() {
        if (registered) {
            return;
        }
        registered = true;
        SparkJobs.register(SparkJobs.ALS_RETRAIN, lens.trainer.als.AlsRetrainJob::new);
        SparkJobs.register(SparkJobs.SERVING_METRICS, lens.trainer.metrics.ServingMetricsJob::new);
        SparkJobs.register(SparkJobs.AB_REPORT, lens.trainer.ab.AbReportJob::new);
        SparkJobs.register(lens.trainer.metrics.DailyServingRollupJob.NAME,
                lens.trainer.metrics.DailyServingRollupJob::new);
    }
}
