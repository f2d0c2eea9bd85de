package lens.batch.backfill;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import lens.batch.config.Cadence;
import lens.batch.config.LensBatchProperties;
import lens.batch.runs.RunMode;
import lens.batch.runs.RunOutcome;
import lens.batch.runs.RunStatus;
import lens.batch.runs.WindowRunner;
import lens.events.EventHour;

/**
 * Runs jobs over a range of hours, oldest first, a bounded number at a time. Completed windows are skipped
 * (so a second invocation does no work, and an interrupted one continues where it stopped); failed ones are
 * restarted from their failed step; {@code force} makes a new version of every window. A daily job runs for each
 * day whose last hour lies in the range, after the runs of that hour, and starts once the runs of its upstream
 * jobs in this backfill for the hours it covers have ended.
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
     * @param to       last hour, inclusive (daily jobs: the days whose last hour is in the range)
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
                Cadence cadence = props.settings(job).cadence();
                EventHour window = cadence.windowOf(hour);
                if (cadence.lastHour(window).equals(hour)) {
                    tasks.add(new Task(window, job));
                }
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
        Map<Task, Future<RunOutcome>> byTask = new HashMap<>();
        try {
            for (Task task : tasks) {
                List<Future<RunOutcome>> upstream = upstreamOf(task, byTask);
                Future<RunOutcome> future = pool.submit(() -> {
                    try {
                        // Submitted earlier to this FIFO pool, so already running or done: waiting cannot deadlock.
                        for (Future<RunOutcome> before : upstream) {
                            before.get();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return notRun(task);
                    } catch (ExecutionException e) {
                        // That row reports it; this run's await-input step judges what the upstream left.
                    }
                    if (stopRequested.get() || Thread.currentThread().isInterrupted()) {
                        return notRun(task);
                    }
                    running.add(Thread.currentThread());
                    try {
                        RunOutcome outcome = runner.run(task.job(), task.window(),
                                force ? RunMode.NEW_VERSION : RunMode.ONCE, "backfill", props.backfillInputTimeout());
                        synchronized (listener) {
                            listener.finished(done.incrementAndGet(), tasks.size(), outcome);
                        }
                        return outcome;
                    } catch (RuntimeException e) {
                        RunOutcome outcome = new RunOutcome(task.job(), task.window(), 0, RunStatus.FAILED, null,
                                Duration.ZERO, e.getMessage());
                        synchronized (listener) {
                            listener.finished(done.incrementAndGet(), tasks.size(), outcome);
                        }
                        return outcome;
                    } finally {
                        running.remove(Thread.currentThread());
                    }
                });
                futures.add(future);
                byTask.put(task, future);
            }
            List<RunOutcome> rows = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                rows.add(await(futures.get(i), tasks.get(i)));
            }
            // By the hour each window ends: a day's row follows its last hour's rows.
            rows.sort(Comparator.comparing((RunOutcome r) -> props.settings(r.job()).cadence().lastHour(r.window()))
                    .thenComparing(r -> names.indexOf(r.job())));
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
            return new RunOutcome(task.job(), task.window(), 0, RunStatus.FAILED, null, Duration.ZERO,
                    String.valueOf(e.getCause()));
        }
    }

    /** The runs of the task's upstream jobs, in this backfill, for the hours its window covers. */
    private List<Future<RunOutcome>> upstreamOf(Task task, Map<Task, Future<RunOutcome>> submitted) {
        List<Future<RunOutcome>> upstream = new ArrayList<>();
        Cadence cadence = props.settings(task.job()).cadence();
        for (String job : props.settings(task.job()).upstream()) {
            Cadence upstreamCadence = props.settings(job).cadence();
            for (EventHour window : upstreamCadence.windowsEndingIn(task.window(), cadence.lastHour(task.window()))) {
                Future<RunOutcome> run = submitted.get(new Task(window, job));
                if (run != null) {
                    upstream.add(run);
                }
            }
        }
        return upstream;
    }

    /** The named jobs (or all), each after its upstream jobs. */
    private List<String> resolve(List<String> jobs) {
        if (jobs.isEmpty() || jobs.contains("all")) {
            return props.jobsUpstreamFirst();
        }
        for (String job : jobs) {
            if (!props.jobs().contains(job)) {
                throw new IllegalArgumentException("unknown job '" + job + "'; configured jobs (lens.batch.jobs): "
                        + props.jobs());
            }
        }
        return props.jobsUpstreamFirst().stream().filter(jobs::contains).toList();
    }

    private static RunOutcome notRun(Task task) {
        return new RunOutcome(task.job(), task.window(), 0, RunStatus.NOT_RUN, null, Duration.ZERO, "stopped");
    }

    private record Task(EventHour window, String job) {
    }
}
