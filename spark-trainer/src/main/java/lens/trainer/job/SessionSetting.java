package lens.trainer.job;

import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/**
 * A Spark SQL setting changed for one piece of work and then put back as it was (unset if it was unset), so a job
 * can tune its own plans without leaking the change into later jobs of the same session.
 */
public final class SessionSetting {

    private SessionSetting() {
    }

    public static <T> T during(SparkSession spark, String key, String value, Supplier<T> work) {
        String previous = spark.conf().get(key, null);
        spark.conf().set(key, value);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                spark.conf().unset(key);
            } else {
                spark.conf().set(key, previous);
            }
        }
    }
}
