package lens.batch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import lens.batch.runs.RunMode;
import lens.batch.runs.RunStatus;
import lens.batch.runs.WindowRunner;
import lens.batch.support.BatchTestContext;
import lens.batch.support.HourCountJob;
import lens.events.EventHour;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class OperationsTest extends BatchTestContext {

    @Autowired
    WindowRunner runner;
    @Autowired
    PrometheusMeterRegistry prometheus;
    @Autowired
    BatchHealthIndicator health;
    @Autowired
    LagProbe lag;

    @Test
    void givenARunAndANewerCompleteHour_whenScraped_thenOutcomeDurationAndLagAreExposed() {
        EventHour done = EventHour.containing(Instant.now()).plusHours(-30);
        lake().landHour(done, 4, 1);
        lake().landHour(done.plusHours(3), 4, 1);
        assertThat(runner.run(HourCountJob.RATE, done, RunMode.ONCE, "test", Duration.ZERO).status())
                .isEqualTo(RunStatus.COMPLETED);

        String scrape = prometheus.scrape();

        assertThat(scrape).contains("lens_batch_runs_total{job=\"rate-report\",status=\"COMPLETED\"}")
                .contains("lens_batch_run_seconds_count{job=\"rate-report\",status=\"COMPLETED\"}")
                .contains("lens_batch_lag_hours{job=\"rate-report\"}")
                .contains("lens_batch_scheduler_running 0.0");
        assertThat(lag.lagHours(HourCountJob.RATE)).isGreaterThanOrEqualTo(3.0);
    }

    @Test
    void givenTheScheduleDisabled_whenHealthIsAsked_thenUpWithTheSchedulerDisabledAndLagPerJob() {
        Health report = health.health();

        assertThat(report.getStatus()).isEqualTo(Status.UP);
        assertThat(report.getDetails()).containsEntry("scheduler", "disabled").containsKey("failedRunsLast24h");
        @SuppressWarnings("unchecked")
        Map<String, Object> lags = (Map<String, Object>) report.getDetails().get("lagHours");
        assertThat(lags).containsKeys(HourCountJob.COUNT, HourCountJob.RATE);
    }
}
