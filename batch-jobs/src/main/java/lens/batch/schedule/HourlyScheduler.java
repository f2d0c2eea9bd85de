package lens.batch.schedule;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import lens.batch.config.JobSettings;
import lens.batch.config.LensBatchProperties;
import lens.batch.config.ScheduleProperties;
import lens.batch.runs.RunHistory;
import lens.batch.runs.RunMode;
import lens.batch.runs.RunOutcome;
import lens.batch.runs.WindowRunner;
import lens.events.EventHour;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a firing of a job's trigger does: works out the due window from the (injectable) clock and the job's
 * cadence (a daily job's day is due with its last hour), plans the catch-up with {@link CatchUpPlanner}, and runs
 * the windows oldest first, a bounded number at a time.
 */
public class HourlyScheduler {

    private static final Logger log = LoggerFactory.getLogger(HourlyScheduler.class);

    private final WindowRunner runner;
    private final RunHistory history;
    private final LensBatchProperties props;
    private final ScheduleProperties schedule;
    private final Clock clock;

    public HourlyScheduler(WindowRunner runner, RunHistory history, LensBatchProperties props,
                           ScheduleProperties schedule, Clock clock) {
        this.runner = runner;
        this.history = history;
        this.props = props;
        this.schedule = schedule;
        this.clock = clock;
    }

    public List<RunOutcome> fire(String job) {
        JobSettings settings = props.settings(job);
        EventHour due = settings.cadence().latestDue(ScheduleWindows.latestDue(clock.instant(), schedule.offset()));
        Optional<EventHour> last = history.lastAttemptedWindow(job);
        List<EventHour> windows = CatchUpPlanner.plan(settings.catchUp(), settings.cadence(), last, due,
                (int) schedule.maxCatchUp().toHours());
        if (windows.isEmpty()) {
            return List.of();
        }
        log.info("{}: due {}, last attempted {}, running {}", job, due, last.map(EventHour::toString).orElse("none"),
                windows);
        String trigger = windows.size() == 1 ? "schedule" : "catch-up";
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(props.parallelism(), windows.size()));
        try {
            List<Future<RunOutcome>> futures = new ArrayList<>();
            for (EventHour window : windows) {
                // The due hour may still be settling; older ones had all the time they will get. Upstream results
                // of old hours may not: the upstream job's own catch-up is running beside this one.
                Duration wait = window.equals(due) || !settings.upstream().isEmpty()
                        ? props.inputTimeout() : props.backfillInputTimeout();
                futures.add(pool.submit(() -> runner.run(job, window, RunMode.ONCE, trigger, wait)));
            }
            List<RunOutcome> outcomes = new ArrayList<>();
            for (Future<RunOutcome> future : futures) {
                outcomes.add(future.get());
            }
            return outcomes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } catch (ExecutionException e) {
            throw new IllegalStateException("scheduled run of " + job + " failed: " + e.getCause().getMessage(),
                    e.getCause());
        } finally {
            pool.shutdown();
        }
    }
}
