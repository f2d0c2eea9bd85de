package lens.batch.hourly;

import java.time.Clock;
import lens.batch.config.LensBatchProperties;
import lens.batch.config.PipelineProperties;
import lens.batch.launch.LaunchOutcome;
import lens.batch.launch.SparkJobLauncher;
import lens.events.EventHour;
import lens.trainer.job.JobRequest;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/** Step 2: runs the Spark job through the configured launcher and keeps its result in the run's context. */
class RunSparkTasklet implements Tasklet {

    private final String job;
    private final PipelineProperties pipeline;
    private final LensBatchProperties props;
    private final SparkJobLauncher launcher;
    private final JobRepository repository;
    private final Clock clock;

    RunSparkTasklet(String job, PipelineProperties pipeline, LensBatchProperties props, SparkJobLauncher launcher,
                    JobRepository repository, Clock clock) {
        this.job = job;
        this.pipeline = pipeline;
        this.props = props;
        this.launcher = launcher;
        this.repository = repository;
        this.clock = clock;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        JobExecution execution = chunkContext.getStepContext().getStepExecution().getJobExecution();
        EventHour window = WindowParameters.window(execution.getJobParameters());
        JobRequest request = new JobRequest(pipeline.lakeRoot(), pipeline.workdirPath().toString(), window,
                props.settings(job).options());
        LaunchOutcome outcome = launcher.launch(job, request);
        new RunContext(execution).result(outcome.result(), clock.millis(), launcher.kind(), outcome.applicationId(),
                outcome.driverLog());
        // Saved now, not at the job's end: a restart after a later step fails must find this result.
        repository.updateExecutionContext(execution);
        contribution.incrementWriteCount(1);
        return RepeatStatus.FINISHED;
    }
}
