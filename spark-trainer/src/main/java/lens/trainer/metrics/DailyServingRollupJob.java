package lens.trainer.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lens.events.EventHour;
import lens.trainer.job.JobRequest;
import lens.trainer.job.JobResult;
import lens.trainer.job.LensSparkJob;

/**
 * {@code serving-metrics-daily}: the day containing the request's window, rolled up from the hourly
 * {@code serving-metrics} states (see {@link DailyServingRollup}). Its summary lands under
 * {@code results/metrics-daily/window=<day>T00/}. Registered in {@code DefaultJobs}; the batch side schedules it
 * daily (window = the day's T00 hour, due with its T23 hour) once the day's hourly {@code serving-metrics} runs
 * have completed, and runs it again when one of them gets a new version (batch-jobs/README.md).
 */
public final class DailyServingRollupJob implements LensSparkJob {

    public static final String NAME = lens.events.LakeLayout.SERVING_METRICS_DAILY_JOB;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public JobResult run(org.apache.spark.sql.SparkSession spark, JobRequest request) {
        DailyServingRollup.Rollup rollup = DailyServingRollup.run(spark, request.lakeRoot(), request.window().date());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("day", rollup.day().toString());
        details.put("hours", rollup.hours());
        details.put("incompleteHours", rollup.incompleteHours());
        details.put("missingHours", rollup.missingHours());
        details.putAll(rollup.state().details(request.intOption("metrics.top-movies", 10)));
        EventHour dayStart = request.window().plusHours(-request.window().hourOfDay());
        return new JobResult(NAME, dayStart.toString(), rollup.metrics(), details, List.of());
    }
}
