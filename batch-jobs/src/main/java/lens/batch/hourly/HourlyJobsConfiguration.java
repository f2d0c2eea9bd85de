package lens.batch.hourly;

import java.time.Clock;
import lens.batch.config.LensBatchProperties;
import lens.batch.config.PipelineProperties;
import lens.batch.launch.SparkJobLauncher;
import lens.batch.publish.ModelMetricsPublisher;
import lens.batch.recovery.RunOwnership;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The hourly Spring Batch jobs, one per configured Spark job. */
@Configuration(proxyBeanMethods = false)
public class HourlyJobsConfiguration {

    @Bean
    public static HourlyJobsRegistrar hourlyJobsRegistrar() {
        return new HourlyJobsRegistrar();
    }

    @Bean
    public HourlyJobFactory hourlyJobFactory(JobRepository repository, PipelineProperties pipeline,
                                             LensBatchProperties props, SparkJobLauncher launcher,
                                             ModelMetricsPublisher publisher, Clock clock, RunOwnership ownership,
                                             java.util.List<org.springframework.batch.core.listener.JobExecutionListener>
                                                     listeners) {
        // Every listener bean (metrics, ...) hears every hourly job.
        return new HourlyJobFactory(repository, pipeline, props, launcher, publisher, clock, ownership, listeners);
    }
}
