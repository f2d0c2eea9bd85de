package lens.batch.hourly;

import lens.batch.publish.ModelMetricsPublisher;
import lens.batch.publish.PublishOutcome;
import lens.events.EventHour;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/** Step 4: publishes the summary to {@code model-metrics}, at most once per (job, window, version). */
class PublishSummaryTasklet implements Tasklet {

    static final String OUTCOME = "lens.publish";

    private final String job;
    private final ModelMetricsPublisher publisher;

    PublishSummaryTasklet(String job, ModelMetricsPublisher publisher) {
        this.job = job;
        this.publisher = publisher;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        JobExecution execution = chunkContext.getStepContext().getStepExecution().getJobExecution();
        EventHour window = WindowParameters.window(execution.getJobParameters());
        int version = WindowParameters.version(execution.getJobParameters());
        RunContext run = new RunContext(execution);
        PublishOutcome outcome = publisher.publish(job, window, version, run.result(), run.resultAt());
        chunkContext.getStepContext().getStepExecution().getExecutionContext().putString(OUTCOME, outcome.describe());
        if (outcome.sent()) {
            contribution.incrementWriteCount(1);
        }
        return RepeatStatus.FINISHED;
    }
}
