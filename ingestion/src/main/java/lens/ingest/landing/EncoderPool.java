package lens.ingest.landing;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that encode rows into open Parquet files, off the consumer thread. Bounded twice: a fixed number of
 * threads, and a number of rows in flight (handed over, not yet encoded) beyond which the consumer thread waits,
 * so a slow disk or a slow encoder holds polling back instead of filling the heap.
 */
public final class EncoderPool implements AutoCloseable {

    private final ExecutorService executor;
    private final Semaphore rowsInFlight;
    private final int maxRowsInFlight;

    public EncoderPool(int threads, int maxRowsInFlight) {
        if (threads < 1 || maxRowsInFlight < 1) {
            throw new IllegalArgumentException("encoder threads and rows in flight must be positive");
        }
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, "lens-ingest-encoder-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        this.executor = Executors.newFixedThreadPool(threads, factory);
        this.maxRowsInFlight = maxRowsInFlight;
        this.rowsInFlight = new Semaphore(maxRowsInFlight);
    }

    /**
     * Runs {@code task} (encoding {@code rows} rows) once {@code previous} is done, so one file's chunks stay in
     * order. Waits first while too many rows are in flight. A failed chunk fails every later chunk of its file.
     */
    CompletableFuture<Void> submitAfter(CompletableFuture<Void> previous, int rows, Runnable task) {
        int permits = Math.min(rows, maxRowsInFlight);
        rowsInFlight.acquireUninterruptibly(permits);
        CompletableFuture<Void> next;
        try {
            next = previous.thenRunAsync(task, executor);
        } catch (RuntimeException rejected) {
            rowsInFlight.release(permits); // the pool is shut down: nothing was handed over
            throw rejected;
        }
        next.whenComplete((ignored, failure) -> rowsInFlight.release(permits));
        return next;
    }

    /** Runs {@code task} on an encoder thread once {@code previous} is done; not if it failed. */
    <T> CompletableFuture<T> runAfter(CompletableFuture<Void> previous, java.util.function.Supplier<T> task) {
        return previous.thenApplyAsync(ignored -> task.get(), executor);
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
