package lens.batch.backfill;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import lens.batch.config.LensBatchProperties;
import lens.batch.runs.RunMode;
import lens.batch.runs.RunOutcome;
import lens.batch.runs.RunStatus;
import lens.batch.runs.WindowRunner;
import lens.events.EventHour;

/**
 * Runs jobs over a range of hours, oldest first, a bounded number at a time. Completed windows are skipped
 * (so a second invocation does no work, and an interrupted one continues where it stopped); failed ones are
 * restarted from their failed step; {@code force} makes a new version of every window.
 */
public class BackfillService {

    private final WindowRunner runner;
    private final LensBatchProperties props;
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final Set<Thread> running = ConcurrentHashMap.newKeySet();

    public BackfillService(WindowRunner runner, LensBatchProperties props) {
        this.runner = runner;
        this.props = props;
    }

    /**
     * @param jobs     job names, or {@code ["all"]} for every configured job
     * @param from     first hour, inclusive
     * @param to       last hour, inclusive
     * @param parallel runs at a time (at least 1)
     * @param force    run completed windows again as a new version
     */
    public BackfillReport backfill(List<String> jobs, EventHour from, EventHour to, int parallel, boolean force,
                                   ProgressListener listener) {
        List<String> names = resolve(jobs);
        if (to.compareTo(from) < 0) {
            throw new IllegalArgumentException("backfill range is empty: " + from + " is after " + to);
        }
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel must be at least 1, was " + parallel);
        }
        List<Task> tasks = new ArrayList<>();
        for (EventHour hour = from; hour.compareTo(to) <= 0; hour = hour.plusHours(1)) {
            for (String job : names) {
                tasks.add(new Task(hour, job));
            }
        }
        stopRequested.set(false);
        Instant start = Instant.now();
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
            Thread thread = new Thread(r, "lens-backfill");
            thread.setDaemon(true);
            return thread;
        });
        List<Future<RunOutcome>> futures = new ArrayList<>();
        try {
            for (Task task : tasks) {
                futures.add(pool.submit(() -> {
                    if (stopRequested.get() || Thread.currentThread().isInterrupted()) {
                        return notRun(task);
                    }
                    running.add(Thread.currentThread());
                    try {
                        RunOutcome outcome = runner.run(task.job(), task.hour(), force ? RunMode.NEW_VERSION : RunMode.ONCE,
                                "backfill", props.backfillInputTimeout());
                        synchronized (listener) {
                            listener.finished(done.incrementAndGet(), tasks.size(), outcome);
                        }
                        return outcome;
                    } catch (RuntimeException e) {
                        RunOutcome outcome = new RunOutcome(task.job(), task.hour(), 0, RunStatus.FAILED, null,
                                Duration.ZERO, e.getMessage());
                        synchronized (listener) {
                            listener.finished(done.incrementAndGet(), tasks.size(), outcome);
                        }
                        return outcome;
                    } finally {
                        running.remove(Thread.currentThread());
                    }
                }));
            }
            List<RunOutcome> rows = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                rows.add(await(futures.get(i), tasks.get(i)));
            }
            rows.sort(Comparator.comparing(RunOutcome::window).thenComparing(r -> names.indexOf(r.job())));
            return new BackfillReport(rows, Duration.between(start, Instant.now()), stopRequested.get());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Asks a running backfill to stop: runs not started yet are not started (they show as NOT_RUN); running ones
     * finish. Running the same backfill again continues where it stopped.
     */
    public void stop() {
        stopRequested.set(true);
    }

    private RunOutcome await(Future<RunOutcome> future, Task task) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            stop();
            Thread.currentThread().interrupt();
            return notRun(task);
        } catch (ExecutionException e) {
            return new RunOutcome(task.job(), task.hour(), 0, RunStatus.FAILED, null, Duration.ZERO,
                    String.valueOf(e.getCause()));
        }
    }

    private List<String> resolve(List<String> jobs) {
        if (jobs.isEmpty() || jobs.contains("all")) {
            return props.jobs();
        }
        for (String job : jobs) {
            if (!props.jobs().contains(job)) {
                throw new IllegalArgumentException("unknown job '" + job + "'; configured jobs (lens.batch.jobs): "
                        + props.jobs());
            }
        }
        return List.copyOf(jobs);
    }

    private static RunOutcome notRun(Task task) {
        return new RunOutcome(task.job(), task.hour(), 0, RunStatus.NOT_RUN, null, Duration.ZERO, "stopped");
    }

    private record Task(EventHour hour, String job) {
    }
}
