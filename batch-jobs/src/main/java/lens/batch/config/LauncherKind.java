package lens.batch.config;

/** How a Spark job runs. */
public enum LauncherKind {
    /** On a SparkSession shared by this JVM (local mode); fastest on one machine. */
    IN_PROCESS,
    /** As a {@code spark-submit} child process against any master, with the thin trainer jar. */
    SPARK_SUBMIT
}
