package lens.batch.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import lens.batch.config.LensBatchProperties;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Prometheus-friendly meters: {@code lens_batch_run_seconds} (per job and outcome), {@code lens_batch_runs_total},
 * {@code lens_batch_lag_hours} (latest complete input hour minus latest completed window, per job) and
 * {@code lens_batch_scheduler_running}.
 */
public class BatchMetrics implements JobExecutionListener, SmartInitializingSingleton {

    private final MeterRegistry registry;
    private final LensBatchProperties props;
    private final LagProbe lag;
    private final SchedulerState scheduler;

    public BatchMetrics(MeterRegistry registry, LensBatchProperties props, LagProbe lag, SchedulerState scheduler) {
        this.registry = registry;
        this.props = props;
        this.lag = lag;
        this.scheduler = scheduler;
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (String job : props.jobs()) {
            Gauge.builder("lens.batch.lag.hours", lag, probe -> probe.lagHours(job))
                    .description("Hours between the latest complete input hour and the latest completed window")
                    .tag("job", job).register(registry);
        }
        Gauge.builder("lens.batch.scheduler.running", scheduler, state -> state.running() ? 1 : 0)
                .description("1 when this node's Quartz scheduler fires triggers").register(registry);
    }

    @Override
    public void afterJob(JobExecution execution) {
        String job = execution.getJobInstance().getJobName();
        String status = execution.getStatus().name();
        Counter.builder("lens.batch.runs").tag("job", job).tag("status", status).register(registry).increment();
        if (execution.getStartTime() != null && execution.getEndTime() != null) {
            Timer.builder("lens.batch.run").description("Wall time of hourly job runs").tag("job", job)
                    .tag("status", status).register(registry)
                    .record(Duration.between(execution.getStartTime(), execution.getEndTime()));
        }
    }
}
