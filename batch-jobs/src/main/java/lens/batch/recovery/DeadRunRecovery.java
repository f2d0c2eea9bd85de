package lens.batch.recovery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import lens.batch.config.LensBatchProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Finds executions marked running whose owning node stopped sending heartbeats (its JVM died: SIGKILL, power
 * loss) and marks them FAILED with {@code JobOperator.recover}, so they can be restarted from their failed step.
 */
public class DeadRunRecovery {

    private static final Logger log = LoggerFactory.getLogger(DeadRunRecovery.class);

    private final JobRepository repository;
    private final JobOperator operator;
    private final NodeRegistry nodes;
    private final LensBatchProperties props;

    public DeadRunRecovery(JobRepository repository, JobOperator operator, NodeRegistry nodes,
                           LensBatchProperties props) {
        this.repository = repository;
        this.operator = operator;
        this.nodes = nodes;
        this.props = props;
    }

    public boolean isDead(JobExecution execution) {
        if (!execution.getStatus().isRunning()) {
            return false;
        }
        String owner = RunOwnership.ownerOf(execution);
        return owner == null || !nodes.isAlive(owner, nodeTimeout());
    }

    /** Marks every dead run FAILED; returns them (now restartable). */
    public List<JobExecution> recoverDeadRuns() {
        List<JobExecution> recovered = new ArrayList<>();
        for (String job : props.jobs()) {
            for (JobExecution execution : repository.findRunningJobExecutions(job)) {
                JobExecution fresh = repository.getJobExecution(execution.getId());
                if (fresh != null && isDead(fresh)) {
                    recovered.add(recover(fresh));
                }
            }
        }
        return recovered;
    }

    public JobExecution recover(JobExecution execution) {
        log.warn("execution {} of {} ({}) was left {} by node {} which is gone; marking it FAILED to restart it",
                execution.getId(), execution.getJobInstance().getJobName(), execution.getJobParameters(),
                execution.getStatus(), RunOwnership.ownerOf(execution));
        return operator.recover(execution);
    }

    private Duration nodeTimeout() {
        return props.recovery().nodeTimeout();
    }
}
