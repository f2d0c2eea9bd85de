package lens.trainer.job;

import org.apache.spark.SparkConf;

/**
 * A driver of a local master serves no executor elsewhere, so it listens on 127.0.0.1 only. Left to itself, Spark
 * binds it to whatever non-loopback address the host name leads to. Settings given explicitly win; drivers of
 * real clusters ({@code spark://}, {@code yarn}, {@code k8s://}) must be reachable and are left alone.
 */
public final class LoopbackDriver {

    static final String LOOPBACK = "127.0.0.1";

    private LoopbackDriver() {
    }

    public static boolean isLocal(String master) {
        return master.equals("local") || master.startsWith("local[");
    }

    /** Binds the driver of {@code conf}'s master (local[*] when unset) to loopback unless told otherwise. */
    public static SparkConf apply(SparkConf conf) {
        if (isLocal(conf.get("spark.master", "local[*]"))) {
            conf.setIfMissing("spark.driver.host", LOOPBACK);
            conf.setIfMissing("spark.driver.bindAddress", LOOPBACK);
        }
        return conf;
    }
}
