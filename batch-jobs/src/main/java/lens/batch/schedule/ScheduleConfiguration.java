package lens.batch.schedule;

import java.time.Clock;
import java.util.Map;
import java.util.Properties;
import lens.batch.config.LensBatchProperties;
import lens.batch.config.PipelineProperties;
import lens.batch.config.ScheduleProperties;
import lens.batch.hourly.WindowVersions;
import lens.batch.runs.RunHistory;
import lens.batch.runs.WindowRunner;
import lens.batch.store.StoreConfiguration.DatabasePlatform;
import org.quartz.Scheduler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.quartz.autoconfigure.SchedulerFactoryBeanCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The Quartz schedule: a clustered JDBC job store in the same database as the job repository (so two nodes on
 * PostgreSQL share the triggers and each firing runs on one node), and the LENS triggers when
 * {@code lens.schedule.enabled}.
 */
@Configuration(proxyBeanMethods = false)
public class ScheduleConfiguration {

    @Bean
    public HourlyScheduler hourlyScheduler(WindowRunner runner, RunHistory history, LensBatchProperties props,
                                           ScheduleProperties schedule, Clock clock) {
        return new HourlyScheduler(runner, history, props, schedule, clock);
    }

    @Bean
    public LateDataRerunner lateDataRerunner(WindowRunner runner, PipelineProperties pipeline,
                                             LensBatchProperties props, ScheduleProperties schedule, Clock clock,
                                             JobRepository repository) {
        return new LateDataRerunner(runner, pipeline, props, schedule, clock, new WindowVersions(repository));
    }

    @Bean
    @ConditionalOnProperty(name = "lens.schedule.enabled", havingValue = "true")
    public ScheduleRegistrar scheduleRegistrar(Scheduler scheduler, LensBatchProperties props,
                                               ScheduleProperties schedule) {
        return new ScheduleRegistrar(scheduler, props, schedule);
    }

    /** Clustering and the store's SQL dialect; {@code spring.quartz.properties.*} still override. */
    @Bean
    public SchedulerFactoryBeanCustomizer lensQuartzProperties(Environment environment, DatabasePlatform platform,
                                                               LensBatchProperties props) {
        return factory -> {
            Properties quartz = new Properties();
            quartz.put("org.quartz.scheduler.instanceName", "lens-scheduler");
            quartz.put("org.quartz.scheduler.instanceId", "AUTO");
            quartz.put("org.quartz.jobStore.isClustered", "true");
            quartz.put("org.quartz.jobStore.acquireTriggersWithinLock", "true");
            quartz.put("org.quartz.jobStore.clusterCheckinInterval", "5000");
            quartz.put("org.quartz.jobStore.misfireThreshold", "60000");
            quartz.put("org.quartz.jobStore.driverDelegateClass", platform.isPostgres()
                    ? "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate" : "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
            quartz.put("org.quartz.threadPool.threadCount", String.valueOf(props.jobs().size() + 2));
            Map<String, String> configured = Binder.get(environment)
                    .bind("spring.quartz.properties", Bindable.mapOf(String.class, String.class)).orElse(Map.of());
            quartz.putAll(configured);
            factory.setQuartzProperties(quartz);
        };
    }
}
