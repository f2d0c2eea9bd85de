package lens.batch.launch;

import lens.trainer.job.JobRequest;

/** Runs one Spark job for one window and returns what it produced. Implementations are thread-safe. */
public interface SparkJobLauncher {

    /** Runs {@code job}; throws {@link SparkJobFailedException} when the job fails. */
    LaunchOutcome launch(String job, JobRequest request);

    /** A short name for logs and run records: {@code in-process} or {@code spark-submit}. */
    String kind();
}
