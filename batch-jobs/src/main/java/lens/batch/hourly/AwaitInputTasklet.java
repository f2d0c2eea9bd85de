package lens.batch.hourly;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import lens.batch.config.LensBatchProperties;
import lens.batch.config.PipelineProperties;
import lens.events.EventHour;
import lens.events.Topic;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/** Step 1: waits until every input topic's hour has its manifest, or fails with what is missing. */
class AwaitInputTasklet implements Tasklet {

    private final String job;
    private final PipelineProperties pipeline;
    private final LensBatchProperties props;

    AwaitInputTasklet(String job, PipelineProperties pipeline, LensBatchProperties props) {
        this.job = job;
        this.pipeline = pipeline;
        this.props = props;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws InterruptedException {
        JobExecution execution = chunkContext.getStepContext().getStepExecution().getJobExecution();
        EventHour window = WindowParameters.window(execution.getJobParameters());
        Duration timeout = WindowParameters.inputTimeout(execution.getJobParameters(), props.inputTimeout());
        List<Topic> topics = props.settings(job).inputs();
        Path lake = pipeline.localLakeRoot();
        long deadline = System.nanoTime() + timeout.toNanos();
        InputCheck.Status status = InputCheck.check(lake, topics, window);
        while (!status.complete() && System.nanoTime() < deadline) {
            Thread.sleep(Math.min(props.inputPollInterval().toMillis(),
                    Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            status = InputCheck.check(lake, topics, window);
        }
        if (!status.complete()) {
            throw new InputNotCompleteException("input of " + job + " for " + window + " is not complete after "
                    + timeout + ": missing " + String.join(", ", status.missing()) + " under " + lake
                    + " (the ingester writes _MANIFEST.json when an hour is complete; lens.batch.input-timeout "
                    + "sets the wait)");
        }
        new RunContext(execution).inputRevisions(status.revisions());
        contribution.incrementReadCount();
        return RepeatStatus.FINISHED;
    }
}
