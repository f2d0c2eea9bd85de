package lens.trainer.als;

import org.apache.spark.sql.Dataset;

/**
 * ALS cuts its lineage every {@code checkpointInterval} iterations only when the SparkContext has a checkpoint
 * directory; without one it silently skips the cut and long runs die of a StackOverflowError. Refuse early instead.
 */
final class Checkpoints {

    private Checkpoints() {
    }

    static void require(Dataset<?> input) {
        if (input.sparkSession().sparkContext().getCheckpointDir().isEmpty()) {
            throw new IllegalStateException("ALS needs a checkpoint directory: call "
                    + "sparkContext().setCheckpointDir(...) first (als-retrain sets checkpoint.dir)");
        }
    }
}
