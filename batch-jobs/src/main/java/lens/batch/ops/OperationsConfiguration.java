package lens.batch.ops;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import lens.batch.config.LensBatchProperties;
import lens.batch.config.PipelineProperties;
import lens.batch.config.ScheduleProperties;
import lens.batch.runs.RunHistory;
import org.quartz.Scheduler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Health and metrics of the batch side. */
@Configuration(proxyBeanMethods = false)
public class OperationsConfiguration {

    @Bean
    public SchedulerState schedulerState(ObjectProvider<Scheduler> scheduler, ScheduleProperties schedule) {
        return new SchedulerState(scheduler.getIfAvailable(), schedule.enabled());
    }

    @Bean
    public LagProbe lagProbe(RunHistory history, PipelineProperties pipeline, LensBatchProperties props,
                             ScheduleProperties schedule, Clock clock) {
        return new LagProbe(history, pipeline, props, schedule, clock);
    }

    @Bean
    public BatchMetrics batchMetrics(MeterRegistry registry, LensBatchProperties props, LagProbe lag,
                                     SchedulerState scheduler) {
        return new BatchMetrics(registry, props, lag, scheduler);
    }

    @Bean
    public BatchHealthIndicator lensBatchHealthIndicator(SchedulerState scheduler, LagProbe lag, RunHistory history,
                                                         LensBatchProperties props) {
        return new BatchHealthIndicator(scheduler, lag, history, props);
    }
}
