package lens.trainer.testing;

import org.apache.spark.sql.SparkSession;

/** A small local Spark for tests: two cores, few shuffle partitions, no UI, loopback only. */
public final class TestSpark {

    private TestSpark() {
    }

    public static SparkSession start(String appName) {
        return SparkSession.builder()
                .appName(appName)
                .master("local[2]")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.default.parallelism", "4")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.session.timeZone", "UTC")
                .getOrCreate();
    }
}
