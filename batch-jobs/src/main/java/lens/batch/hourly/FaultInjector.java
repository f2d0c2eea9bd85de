package lens.batch.hourly;

import lens.batch.config.LensBatchProperties.FaultInjection;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;

/**
 * Test hook ({@code lens.batch.fault-injection.*}): makes a step fail on its first execution in a job instance,
 * or pause so a test can kill the JVM mid-run. The first-execution count comes from the job repository, so it
 * holds across JVMs: the restart of a failed instance passes.
 */
class FaultInjector {

    private final FaultInjection faults;
    private final JobRepository repository;

    FaultInjector(FaultInjection faults, JobRepository repository) {
        this.faults = faults;
        this.repository = repository;
    }

    Tasklet wrap(String job, String step, Tasklet tasklet) {
        boolean fail = step.equals(faults.failOnceAt()) && faults.appliesTo(job);
        boolean pause = step.equals(faults.pauseAt()) && faults.appliesTo(job) && !faults.pauseFor().isZero();
        if (!fail && !pause) {
            return tasklet;
        }
        return (contribution, chunkContext) -> {
            StepExecution stepExecution = chunkContext.getStepContext().getStepExecution();
            if (pause) {
                Thread.sleep(faults.pauseFor().toMillis());
            }
            if (fail) {
                JobInstance instance = stepExecution.getJobExecution().getJobInstance();
                if (repository.getStepExecutionCount(instance, step) <= 1) {
                    throw new InjectedFaultException("injected fault: step " + step + " of " + job
                            + " fails on its first execution (lens.batch.fault-injection.fail-once-at)");
                }
            }
            return tasklet.execute(contribution, chunkContext);
        };
    }

    /** The failure a test asked for. */
    static class InjectedFaultException extends RuntimeException {
        InjectedFaultException(String message) {
            super(message);
        }
    }
}
