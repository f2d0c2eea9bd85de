package lens.batch.recovery;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import lens.batch.runs.RunOutcome;
import lens.batch.runs.WindowRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.SmartLifecycle;

/**
 * Keeps this node's heartbeat and, from startup on, looks for runs whose node died: they are marked FAILED and,
 * where this process is a scheduler, restarted from their failed step, so an hour whose scheduler was killed
 * mid-run still completes (on this node or any other of the cluster).
 */
public class RecoveryService implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RecoveryService.class);

    private final NodeRegistry nodes;
    private final DeadRunRecovery recovery;
    private final WindowRunner runner;
    private final long heartbeatMillis;
    private final long scanMillis;
    private final boolean restart;
    private ScheduledExecutorService executor;

    public RecoveryService(NodeRegistry nodes, DeadRunRecovery recovery, WindowRunner runner, long heartbeatMillis,
                           long scanMillis, boolean restart) {
        this.nodes = nodes;
        this.recovery = recovery;
        this.runner = runner;
        this.heartbeatMillis = heartbeatMillis;
        this.scanMillis = scanMillis;
        this.restart = restart;
    }

    @Override
    public synchronized void start() {
        nodes.heartbeat();
        executor = Executors.newScheduledThreadPool(2, r -> {
            Thread thread = new Thread(r, "lens-recovery");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleAtFixedRate(this::heartbeat, heartbeatMillis, heartbeatMillis, TimeUnit.MILLISECONDS);
        executor.scheduleWithFixedDelay(this::scan, 0, scanMillis, TimeUnit.MILLISECONDS);
    }

    private void heartbeat() {
        try {
            nodes.heartbeat();
        } catch (RuntimeException e) {
            log.warn("heartbeat failed: {}", e.getMessage());
        }
    }

    /** One pass: recover dead runs, restart them when this process schedules. */
    public void scan() {
        try {
            List<JobExecution> recovered = recovery.recoverDeadRuns();
            if (!restart) {
                return;
            }
            for (JobExecution execution : recovered) {
                RunOutcome outcome = runner.restart(execution.getId(), false);
                log.info("restarted recovered run {} {} v{}: {}", outcome.job(), outcome.window(), outcome.version(),
                        outcome.status());
            }
        } catch (RuntimeException e) {
            log.warn("recovery scan failed: {}", e.getMessage(), e);
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
            try {
                nodes.leave();
            } catch (RuntimeException e) {
                log.debug("could not leave the node registry: {}", e.getMessage());
            }
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }

    /** Late start, early stop: after the scheduler is up, before the data source closes. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
