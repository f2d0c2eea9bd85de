package lens.batch.hourly;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import lens.events.EventHour;
import lens.trainer.job.JobResult;
import org.junit.jupiter.api.Test;

class ResultValidatorTest {

    static final EventHour HOUR = EventHour.parse("2026-11-29T08");

    @Test
    void givenASaneResult_whenValidated_thenThereAreNoProblems() {
        JobResult result = result("serving-metrics", HOUR, Map.of("request_count", 120.0, "latency.p95", 81.5));

        assertThat(ResultValidator.problems("serving-metrics", HOUR, result)).isEmpty();
    }

    @Test
    void givenNaNInfiniteAndNegativeCounts_whenValidated_thenEachIsReported() {
        JobResult result = result("serving-metrics", HOUR, Map.of("rmse", Double.NaN, "lift", Double.POSITIVE_INFINITY,
                "rows", -1.0, "users_count", 2.5));

        assertThat(ResultValidator.problems("serving-metrics", HOUR, result))
                .anySatisfy(p -> assertThat(p).contains("rmse is NaN"))
                .anySatisfy(p -> assertThat(p).contains("lift is Infinity"))
                .anySatisfy(p -> assertThat(p).contains("rows = -1.0"))
                .anySatisfy(p -> assertThat(p).contains("users_count = 2.5"));
    }

    @Test
    void givenAResultOfAnotherJobOrHourWithoutMetrics_whenValidated_thenItIsRejected() {
        JobResult result = result("ab-report", HOUR.plusHours(1), Map.of());

        assertThat(ResultValidator.problems("serving-metrics", HOUR, result))
                .anySatisfy(p -> assertThat(p).contains("expected 'serving-metrics'"))
                .anySatisfy(p -> assertThat(p).contains("expected 2026-11-29T08:00Z"))
                .anySatisfy(p -> assertThat(p).contains("no metrics"));
    }

    @Test
    void givenAMetricNameThatIsNotASafeIdentifier_whenValidated_thenItIsRejected() {
        JobResult result = result("x", HOUR, Map.of("p 95 (ms)", 1.0));

        assertThat(ResultValidator.problems("x", HOUR, result)).singleElement()
                .satisfies(p -> assertThat(p).contains("not a safe identifier"));
    }

    static JobResult result(String job, EventHour hour, Map<String, Double> metrics) {
        return new JobResult(job, hour.toString(), metrics, Map.of(), List.of());
    }
}
