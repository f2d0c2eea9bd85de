package lens.trainer.testing;

import org.apache.spark.sql.SparkSession;

/** A small local Spark for tests: two cores, few shuffle partitions, no UI, loopback only. */
public final class TestSpark {

    private TestSpark() {
    }

    /** Also sets a checkpoint directory (a temp folder), which ALS needs for its lineage cuts. */
    public static SparkSession start(String appName) {
        SparkSession spark = SparkSession.builder()
                .appName(appName)
                .master("local[2]")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.default.parallelism", "4")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.session.timeZone", "UTC")
                .getOrCreate();
        try {
            java.nio.file.Path checkpoints = java.nio.file.Files.createTempDirectory("lens-checkpoints-");
            spark.sparkContext().setCheckpointDir(checkpoints.toUri().toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return spark;
    }
}
