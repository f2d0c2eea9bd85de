package lens.trainer.als;

import org.apache.spark.sql.SparkSession;

/**
 * How many user and item blocks ALS partitions its factors into. Spark's fixed default of 10 suits a cluster of
 * about that many cores; on {@code local[2]} every iteration then runs stages of 10 tiny tasks, and for windows of
 * 100K ratings that scheduling is most of a fit. By default the blocks follow the cores the job was given (the
 * context's default parallelism); {@code als.blocks} pins them.
 */
public final class AlsBlocks {

    private AlsBlocks() {
    }

    public static int resolve(int configured, SparkSession spark) {
        return resolve(configured, spark.sparkContext().defaultParallelism());
    }

    static int resolve(int configured, int defaultParallelism) {
        return configured > 0 ? configured : Math.max(1, defaultParallelism);
    }
}
