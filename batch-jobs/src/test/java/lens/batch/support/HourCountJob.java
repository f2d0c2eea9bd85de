package lens.batch.support;

import java.util.List;
import java.util.Map;
import lens.events.LakeLayout;
import lens.events.Topic;
import lens.trainer.job.JobRequest;
import lens.trainer.job.JobResult;
import lens.trainer.job.LensSparkJob;
import lens.trainer.job.SparkJobs;
import lens.trainer.lake.LakeInputs;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * A small real Spark job for the tests: counts an hour's A/B events. Two names so tests have an "aggregation"
 * and a "report" job; {@code rate-*} jobs also report a conversion rate.
 */
public class HourCountJob implements LensSparkJob {

    public static final String COUNT = "hour-count";
    public static final String RATE = "rate-report";
    public static final String RETRAIN = "slow-retrain";

    private final String name;

    public HourCountJob(String name) {
        this.name = name;
    }

    /** Idempotent; call from every test class (and from the spark-submit child's main). */
    public static void register() {
        SparkJobs.register(COUNT, () -> new HourCountJob(COUNT));
        SparkJobs.register(RATE, () -> new HourCountJob(RATE));
        SparkJobs.register(RETRAIN, () -> new HourCountJob(RETRAIN));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public JobResult run(SparkSession spark, JobRequest request) {
        Dataset<Row> events = LakeInputs.read(spark, request.lakeRoot(), Topic.AB_TEST_EVENTS,
                List.of(request.window()));
        Row counts = events.agg(functions.count(functions.lit(1)).as("rows"),
                functions.sum(functions.when(functions.col("eventType").equalTo("CONVERSION"), 1).otherwise(0))
                        .as("conversions")).first();
        long rows = counts.getLong(0);
        long conversions = counts.isNullAt(1) ? 0 : counts.getLong(1);
        Map<String, Double> metrics = new java.util.LinkedHashMap<>();
        metrics.put("rows", (double) rows);
        metrics.put("conversion_count", (double) conversions);
        if (name.equals(RATE)) {
            metrics.put("conversion_rate", rows == 0 ? 0.0 : (double) conversions / rows);
        }
        long sleep = Long.parseLong(request.option("sleep.ms", "0"));
        if (sleep > 0) {
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return new JobResult(name, request.window().toString(), metrics, Map.of("hour", request.window().id()),
                List.of(LakeLayout.resultsDir(name, request.window())));
    }
}
