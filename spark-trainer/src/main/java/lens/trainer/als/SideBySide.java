package lens.trainer.als;

import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.apache.spark.SparkContext;

/**
 * Runs one part of a job on a second driver thread while the caller runs another (the rating model's fit beside
 * the ranking model's; saving the models beside evaluating them). On a small window both parts are mostly the
 * scheduling of many small Spark jobs, so side by side they fill the cores one alone leaves idle. Spark runs jobs
 * from several threads at once; if the caller's part fails, the side part's jobs are cancelled through their job
 * group.
 */
final class SideBySide<T> implements AutoCloseable {

    private final SparkContext context;
    private final String group = "lens-side-" + UUID.randomUUID();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
        Thread t = new Thread(runnable, "lens-side");
        t.setDaemon(true);
        return t;
    });
    private final Future<T> result;
    private boolean collected;

    SideBySide(SparkContext context, String description, Supplier<T> part) {
        this.context = context;
        this.result = thread.submit(() -> {
            context.setJobGroup(group, description, true);
            try {
                return part.get();
            } finally {
                context.clearJobGroup();
            }
        });
    }

    /** Waits for the side part; its failure is rethrown here. */
    T join() {
        try {
            T value = result.get();
            collected = true;
            return value;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + group, e);
        } catch (ExecutionException e) {
            collected = true;
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("the side part failed", e.getCause());
        }
    }

    /** Cancels the side part's Spark jobs if nobody waited for it (the caller's own part failed). */
    @Override
    public void close() {
        if (!collected) {
            context.cancelJobGroup(group);
            result.cancel(true);
        }
        thread.shutdown();
    }
}
