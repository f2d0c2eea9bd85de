package lens.batch.ops;

import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import lens.batch.config.LensBatchProperties;
import lens.batch.runs.RunHistory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code /actuator/health} component {@code lensBatch}: DOWN when the schedule is enabled but Quartz is not
 * firing; details give each job's lag and the failed runs of the last 24 hours.
 */
public class BatchHealthIndicator implements HealthIndicator {

    private final SchedulerState scheduler;
    private final LagProbe lag;
    private final RunHistory history;
    private final LensBatchProperties props;

    public BatchHealthIndicator(SchedulerState scheduler, LagProbe lag, RunHistory history,
                                LensBatchProperties props) {
        this.scheduler = scheduler;
        this.lag = lag;
        this.history = history;
        this.props = props;
    }

    @Override
    public Health health() {
        Map<String, Object> lags = new LinkedHashMap<>();
        for (String job : props.jobs()) {
            double hours = lag.lagHours(job);
            lags.put(job, Double.isNaN(hours) ? "no input" : hours);
        }
        Health.Builder health = scheduler.enabled() && !scheduler.running() ? Health.down() : Health.up();
        return health.withDetail("scheduler", scheduler.describe())
                .withDetail("lagHours", lags)
                .withDetail("failedRunsLast24h", history.failuresSince(LocalDateTime.now().minusHours(24)))
                .build();
    }
}
