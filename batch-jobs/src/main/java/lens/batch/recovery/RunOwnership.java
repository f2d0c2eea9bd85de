package lens.batch.recovery;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;

/** Stamps each execution with the node running it, so others can tell a dead run from a running one. */
public class RunOwnership implements JobExecutionListener {

    public static final String OWNER = "lens.node";

    private final NodeRegistry nodes;
    private final JobRepository repository;

    public RunOwnership(NodeRegistry nodes, JobRepository repository) {
        this.nodes = nodes;
        this.repository = repository;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        execution.getExecutionContext().putString(OWNER, nodes.nodeId());
        repository.updateExecutionContext(execution);
    }

    public static String ownerOf(JobExecution execution) {
        return execution.getExecutionContext().containsKey(OWNER)
                ? execution.getExecutionContext().getString(OWNER) : null;
    }
}
