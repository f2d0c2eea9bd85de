package lens.trainer.job;

import org.apache.spark.sql.SparkSession;

/**
 * One hourly Spark job. Implementations read the lake through {@link lens.trainer.lake.LakeInputs} (completed
 * hours only), write their outputs under {@code <lake>/results/<name>/window=<hour>/} and return a summary;
 * {@link SparkJobRunner} writes the summary next to the outputs. They never publish: that is the batch side's job.
 */
public interface LensSparkJob {

    /** Stable job name, used in paths, Spring Batch job names and model-metrics keys. */
    String name();

    JobResult run(SparkSession spark, JobRequest request);
}
