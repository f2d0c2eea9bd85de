package lens.ingest.support;

import org.apache.spark.sql.SparkSession;

/** A local SparkSession on loopback, without UI, for the tests and the benchmark that read or write like Spark users. */
public final class LocalSpark {

    private LocalSpark() {
    }

    public static SparkSession start(String appName, int threads) {
        return SparkSession.builder().master("local[" + threads + "]").appName(appName)
                .config("spark.ui.enabled", "false")
                .config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", String.valueOf(threads))
                .getOrCreate();
    }
}
