package lens.batch.hourly;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lens.batch.config.LensBatchProperties;
import lens.batch.config.PipelineProperties;
import lens.events.EventHour;
import lens.events.Topic;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Step 1: waits until every input topic's hour has its manifest and the upstream jobs' results of the covered
 * hours are there ({@link UpstreamCheck}), or fails with what is missing. Records what it saw (manifest revisions,
 * upstream versions), which the late-data check compares with later states.
 */
class AwaitInputTasklet implements Tasklet {

    private final String job;
    private final PipelineProperties pipeline;
    private final LensBatchProperties props;
    private final WindowVersions versions;

    AwaitInputTasklet(String job, PipelineProperties pipeline, LensBatchProperties props, WindowVersions versions) {
        this.job = job;
        this.pipeline = pipeline;
        this.props = props;
        this.versions = versions;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws InterruptedException {
        JobExecution execution = chunkContext.getStepContext().getStepExecution().getJobExecution();
        EventHour window = WindowParameters.window(execution.getJobParameters());
        Duration timeout = WindowParameters.inputTimeout(execution.getJobParameters(), props.inputTimeout());
        List<Topic> topics = props.settings(job).inputs();
        Path lake = pipeline.localLakeRoot();
        UpstreamCheck upstreamCheck = new UpstreamCheck(props, versions::latestRun);
        long deadline = System.nanoTime() + timeout.toNanos();
        InputCheck.Status status = InputCheck.check(lake, topics, window);
        UpstreamCheck.Status upstream = upstreamCheck.check(lake, job, window);
        while (!(status.complete() && upstream.complete()) && !upstream.blocked() && System.nanoTime() < deadline) {
            Thread.sleep(Math.min(props.inputPollInterval().toMillis(),
                    Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            status = InputCheck.check(lake, topics, window);
            upstream = upstreamCheck.check(lake, job, window);
        }
        if (!status.complete()) {
            throw new InputNotCompleteException("input of " + job + " for " + window + " is not complete after "
                    + timeout + ": missing " + String.join(", ", status.missing()) + " under " + lake
                    + " (the ingester writes _MANIFEST.json when an hour is complete; lens.batch.input-timeout "
                    + "sets the wait)");
        }
        if (upstream.blocked()) {
            throw new InputNotCompleteException("upstream of " + job + " for " + window + " failed: "
                    + String.join(", ", upstream.failed()) + " (restart those runs, then this one)");
        }
        if (!upstream.complete()) {
            throw new InputNotCompleteException("upstream of " + job + " for " + window + " is not complete after "
                    + timeout + ": waiting for " + String.join(", ", upstream.pending())
                    + " (lens.batch.input-timeout sets the wait)");
        }
        Map<String, Integer> read = new TreeMap<>(status.revisions());
        read.putAll(upstream.versions());
        new RunContext(execution).inputRevisions(read);
        contribution.incrementReadCount();
        return RepeatStatus.FINISHED;
    }
}
