package lens.ingest.landing;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The threads that encode rows into open Parquet files, off the consumer thread. Bounded twice: a fixed number of
 * threads, and the payload bytes in flight (handed over, not yet encoded) beyond which the consumer thread waits,
 * so a slow disk or a slow encoder holds polling back instead of filling the heap.
 */
public final class EncoderPool implements AutoCloseable {

    private final ExecutorService executor;
    private final Semaphore bytesInFlight;
    private final int maxBytesInFlight;

    public EncoderPool(int threads, int maxBytesInFlight) {
        if (threads < 1 || maxBytesInFlight < 1) {
            throw new IllegalArgumentException("encoder threads and bytes in flight must be positive");
        }
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, "lens-ingest-encoder-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        this.executor = Executors.newFixedThreadPool(threads, factory);
        this.maxBytesInFlight = maxBytesInFlight;
        this.bytesInFlight = new Semaphore(maxBytesInFlight);
    }

    /**
     * Runs {@code task} (encoding rows of {@code bytes} payload) once {@code previous} is done, so one file's chunks
     * stay in order. Waits first while too many bytes are in flight. A failed chunk fails every later chunk of its
     * file.
     */
    CompletableFuture<Void> submitAfter(CompletableFuture<Void> previous, long bytes, Runnable task) {
        int permits = (int) Math.max(1, Math.min(bytes, maxBytesInFlight));
        bytesInFlight.acquireUninterruptibly(permits);
        CompletableFuture<Void> next;
        try {
            next = previous.thenRunAsync(task, executor);
        } catch (RuntimeException rejected) {
            bytesInFlight.release(permits); // the pool is shut down: nothing was handed over
            throw rejected;
        }
        next.whenComplete((ignored, failure) -> bytesInFlight.release(permits));
        return next;
    }

    /** Runs {@code task} on an encoder thread once {@code previous} is done; not if it failed. */
    <T> CompletableFuture<T> runAfter(CompletableFuture<Void> previous, Supplier<T> task) {
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
