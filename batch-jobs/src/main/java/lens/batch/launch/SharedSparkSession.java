package lens.batch.launch;

import java.util.Map;
import lens.trainer.job.LoopbackDriver;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The one SparkSession of this JVM, created on first use (a Spring context that never runs a job never pays the
 * seconds Spark needs to start) and stopped with the context, unless it was an existing default session.
 */
public class SharedSparkSession implements AutoCloseable {

    private final String master;
    private final Map<String, String> conf;
    private volatile SparkSession session;
    private boolean borrowed;

    public SharedSparkSession(String master, Map<String, String> conf) {
        this.master = master;
        this.conf = conf;
    }

    public SparkSession get() {
        SparkSession current = session;
        if (current == null) {
            synchronized (this) {
                if (session == null && SparkSession.getDefaultSession().isDefined()) {
                    // Someone else's session (an embedding application, a test): use it, leave it running.
                    session = SparkSession.getDefaultSession().get();
                    borrowed = true;
                }
                if (session == null) {
                    SparkConf sparkConf = new SparkConf()
                            .setMaster(master)
                            .setAppName("lens-batch")
                            .set("spark.ui.enabled", "false")
                            .set("spark.sql.shuffle.partitions", "4")
                            .set("spark.sql.session.timeZone", "UTC");
                    conf.forEach(sparkConf::set);
                    LoopbackDriver.apply(sparkConf);
                    session = SparkSession.builder().config(sparkConf).getOrCreate();
                }
                current = session;
            }
        }
        return current;
    }

    @Override
    public synchronized void close() {
        if (session != null && !borrowed) {
            session.stop();
            session = null;
        }
    }
}
