package lens.batch.runs;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import lens.batch.config.Cadence;
import lens.batch.config.LensBatchProperties;
import lens.batch.hourly.HourlyJobsRegistrar;
import lens.batch.hourly.WindowParameters;
import lens.batch.hourly.WindowVersions;
import lens.batch.recovery.DeadRunRecovery;
import lens.events.EventHour;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * Runs one job for one window, synchronously, deciding from the job repository whether to start, restart or
 * skip. The one place that maps (job, hour, version) to Spring Batch's JobInstances.
 */
public class WindowRunner {

    private static final Logger log = LoggerFactory.getLogger(WindowRunner.class);

    private final JobOperator operator;
    private final JobRepository repository;
    private final BeanFactory beans;
    private final DeadRunRecovery recovery;
    private final LensBatchProperties props;
    private final WindowVersions versions;

    public WindowRunner(JobOperator operator, JobRepository repository, BeanFactory beans, DeadRunRecovery recovery,
                        LensBatchProperties props) {
        this.recovery = recovery;
        this.props = props;
        this.versions = new WindowVersions(repository);
        this.operator = operator;
        this.repository = repository;
        this.beans = beans;
    }

    public RunOutcome run(String job, EventHour window, RunMode mode, String trigger, Duration inputTimeout) {
        Cadence cadence = props.settings(job).cadence();
        if (!cadence.isWindow(window)) {
            throw new IllegalArgumentException(job + " runs " + cadence + ": its windows start at "
                    + cadence.windowOf(window) + ", not " + window);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return runOnce(job, window, mode, trigger, inputTimeout);
            } catch (IllegalStateException e) {
                // Two nodes creating instances at once may abort each other's transaction: look again and retry.
                if (!(e.getCause() instanceof org.springframework.dao.ConcurrencyFailureException) || attempt == 3) {
                    throw e;
                }
                log.info("{} {}: concurrent start on another node ({}); retrying", job, window, e.getMessage());
            }
        }
    }

    private RunOutcome runOnce(String job, EventHour window, RunMode mode, String trigger, Duration inputTimeout) {
        Instant start = Instant.now();
        Job batchJob = beans.getBean(HourlyJobsRegistrar.beanName(job), Job.class);
        int latest = latestVersion(job, window);
        Optional<JobExecution> last = latest == 0 ? Optional.empty() : lastExecution(job, window, latest);
        if (last.isPresent() && recovery.isDead(last.get())) {
            // Left running by a JVM that died: mark it failed, and ONCE below restarts it at its failed step.
            last = Optional.of(recovery.recover(last.get()));
        }
        if (last.isPresent() && last.get().getStatus().isRunning()) {
            return outcome(job, window, latest, RunStatus.BUSY, last.get(), start,
                    "execution " + last.get().getId() + " of v" + latest + " is " + last.get().getStatus());
        }
        try {
            if (mode == RunMode.ONCE && last.isPresent()) {
                JobExecution previous = last.get();
                if (previous.getStatus() == BatchStatus.COMPLETED) {
                    return outcome(job, window, latest, RunStatus.SKIPPED, previous, start,
                            "v" + latest + " already completed (execution " + previous.getId() + ")");
                }
                if (previous.getStatus() == BatchStatus.FAILED || previous.getStatus() == BatchStatus.STOPPED) {
                    log.info("restarting {} {} v{} from execution {}", job, window, latest, previous.getId());
                    return finished(job, window, latest, operator.restart(previous), start);
                }
                // ABANDONED or UNKNOWN: that instance is given up; the window gets a new version.
            }
            int version = latest == 0 ? 1 : (mode == RunMode.ONCE && last.isEmpty() ? latest : latest + 1);
            JobExecution execution = operator.start(batchJob, WindowParameters.of(window, version, trigger, inputTimeout));
            return finished(job, window, version, execution, start);
        } catch (JobInstanceAlreadyCompleteException | JobExecutionAlreadyRunningException
                 | DataIntegrityViolationException e) {
            // Another node or thread got there first: the window is theirs.
            return outcome(job, window, latest, RunStatus.BUSY, null, start, e.getMessage());
        } catch (Exception e) {
            throw new IllegalStateException("could not run " + job + " for " + window + ": " + e.getMessage(), e);
        }
    }

    /**
     * Restarts one execution ({@code lens jobs restart}). A FAILED or STOPPED one resumes at its failed step. One
     * still marked running is refused unless {@code recover}: then it is first marked FAILED (its JVM died).
     */
    public RunOutcome restart(long executionId, boolean recover) {
        Instant start = Instant.now();
        JobExecution execution = repository.getJobExecution(executionId);
        if (execution == null) {
            throw new IllegalArgumentException("no job execution " + executionId);
        }
        String job = execution.getJobInstance().getJobName();
        EventHour window = WindowParameters.window(execution.getJobParameters());
        int version = WindowParameters.version(execution.getJobParameters());
        JobExecution latest = repository.getLastJobExecution(execution.getJobInstance());
        if (latest != null && latest.getId() != executionId) {
            throw new IllegalArgumentException("execution " + executionId + " is not the latest of " + job + " "
                    + window + " v" + version + "; restart " + latest.getId() + " (" + latest.getStatus() + ")");
        }
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            return outcome(job, window, version, RunStatus.SKIPPED, execution, start, "already completed");
        }
        if (execution.getStatus().isRunning() && recovery.isDead(execution)) {
            execution = recovery.recover(execution);
        }
        if (execution.getStatus().isRunning()) {
            if (!recover) {
                throw new IllegalStateException("execution " + executionId + " is " + execution.getStatus()
                        + "; if its JVM died, restart it with --recover");
            }
            execution = operator.recover(execution);
        }
        try {
            return finished(job, window, version, operator.restart(execution), start);
        } catch (Exception e) {
            throw new IllegalStateException("could not restart execution " + executionId + ": " + e.getMessage(), e);
        }
    }

    /** The highest version of the window that has a JobInstance, or 0. */
    public int latestVersion(String job, EventHour window) {
        return versions.latestVersion(job, window);
    }

    public Optional<JobExecution> lastExecution(String job, EventHour window, int version) {
        return versions.lastExecution(job, window, version);
    }

    /** True when some version of the window completed. */
    public boolean completed(String job, EventHour window) {
        for (int version = latestVersion(job, window); version > 0; version--) {
            Optional<JobExecution> execution = lastExecution(job, window, version);
            if (execution.isPresent() && execution.get().getStatus() == BatchStatus.COMPLETED) {
                return true;
            }
        }
        return false;
    }

    private RunOutcome finished(String job, EventHour window, int version, JobExecution execution, Instant start) {
        RunStatus status = switch (execution.getStatus()) {
            case COMPLETED -> RunStatus.COMPLETED;
            case STOPPED, STOPPING -> RunStatus.STOPPED;
            default -> RunStatus.FAILED;
        };
        String message = status == RunStatus.COMPLETED ? null : failureMessage(execution);
        if (status != RunStatus.COMPLETED) {
            log.warn("{} {} v{} ended {}: {}", job, window, version, execution.getStatus(), message);
        }
        return outcome(job, window, version, status, execution, start, message);
    }

    static String failureMessage(JobExecution execution) {
        List<Throwable> failures = execution.getAllFailureExceptions();
        if (failures.isEmpty()) {
            return execution.getExitStatus().getExitDescription();
        }
        return failures.stream().map(t -> t.getMessage() == null ? t.toString() : t.getMessage())
                .distinct().collect(Collectors.joining("; "));
    }

    private static RunOutcome outcome(String job, EventHour window, int version, RunStatus status,
                                      JobExecution execution, Instant start, String message) {
        return new RunOutcome(job, window, version, status, execution == null ? null : execution.getId(),
                Duration.between(start, Instant.now()), message);
    }
}
