package lens.batch.support;

import org.apache.spark.sql.SparkSession;

/** One local[2] SparkSession for the whole test JVM; Spring contexts borrow it and never stop it. */
public final class TestSpark {

    private static SparkSession session;

    private TestSpark() {
    }

    public static synchronized SparkSession get() {
        if (session == null) {
            session = SparkSession.builder().master("local[2]").appName("lens-batch-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.sql.session.timeZone", "UTC")
                    .getOrCreate();
        }
        return session;
    }
}
