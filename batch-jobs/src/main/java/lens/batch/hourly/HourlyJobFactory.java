package lens.batch.hourly;

import java.time.Clock;
import lens.batch.config.LensBatchProperties;
import lens.batch.config.PipelineProperties;
import lens.batch.launch.SparkJobLauncher;
import lens.batch.publish.ModelMetricsPublisher;
import lens.batch.recovery.RunOwnership;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;

/**
 * Builds the Spring Batch job of one Spark job: await-input, run-spark, validate-result, publish-summary.
 * A restart resumes at the failed step; completed steps are never run again for the same instance.
 */
public class HourlyJobFactory {

    private final JobRepository repository;
    private final PipelineProperties pipeline;
    private final LensBatchProperties props;
    private final SparkJobLauncher launcher;
    private final ModelMetricsPublisher publisher;
    private final Clock clock;
    private final FaultInjector faults;
    private final RunOwnership ownership;
    private final java.util.List<org.springframework.batch.core.listener.JobExecutionListener> listeners;
    // The steps do no JDBC of their own; a real transaction would pin a connection for a whole Spark run.
    private final ResourcelessTransactionManager stepTransactions = new ResourcelessTransactionManager();

    public HourlyJobFactory(JobRepository repository, PipelineProperties pipeline, LensBatchProperties props,
                            SparkJobLauncher launcher, ModelMetricsPublisher publisher, Clock clock,
                            RunOwnership ownership,
                            java.util.List<org.springframework.batch.core.listener.JobExecutionListener> listeners) {
        this.ownership = ownership;
        this.listeners = listeners;
        this.repository = repository;
        this.pipeline = pipeline;
        this.props = props;
        this.launcher = launcher;
        this.publisher = publisher;
        this.clock = clock;
        this.faults = new FaultInjector(props.faultInjection(), repository);
    }

    public Job create(String job) {
        JobBuilder builder = new JobBuilder(job, repository);
        builder.listener(ownership);
        listeners.stream().filter(l -> l != ownership).forEach(builder::listener);
        return builder
                .start(step(job, StepNames.AWAIT_INPUT, new AwaitInputTasklet(job, pipeline, props,
                        new WindowVersions(repository))))
                .next(step(job, StepNames.RUN_SPARK,
                        new RunSparkTasklet(job, pipeline, props, launcher, repository, clock)))
                .next(step(job, StepNames.VALIDATE_RESULT, new ValidateResultTasklet(job, pipeline)))
                .next(step(job, StepNames.PUBLISH_SUMMARY, new PublishSummaryTasklet(job, publisher)))
                .build();
    }

    private Step step(String job, String name, Tasklet tasklet) {
        return new StepBuilder(name, repository)
                .tasklet(faults.wrap(job, name, tasklet), stepTransactions)
                .build();
    }
}
