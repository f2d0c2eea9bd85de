package lens.trainer.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import lens.stats.DdSketch;
import lens.stats.HyperLogLog;
import org.junit.jupiter.api.Test;

/** The mergeable serving state, without Spark. */
class ServingStateTest {

    private static ServingState hour(long firstUser, long users, double latency, long requests) {
        ServingState state = new ServingState(0.01, 12);
        state.addRequests(requests, 1);
        ModelKey als = new ModelKey("als", "v1");
        state.addModel(als, requests, requests - 2, 1, latency * 3);
        for (int i = 0; i < requests; i++) {
            state.addLatencyBucket(als, DdSketch.bucketOf(latency + i % 5, 0.01), 1);
        }
        state.addErrors("timeout", 2);
        for (long user = firstUser; user < firstUser + users; user++) {
            long hash = HyperLogLog.mix(user);
            state.offerUserRegister(HyperLogLog.registerIndex(hash, 12), HyperLogLog.rank(hash, 12));
        }
        state.setExactActiveUsers(users);
        state.addInteractions("VIEW", users * 2);
        state.addImpressions(100, 7);
        state.addInteractionsInMinute("2026-11-29T08:05", 3);
        return state;
    }

    @Test
    void givenAState_whenWrittenAsEntriesAndReadBack_thenItsMetricsAreUnchanged() {
        ServingState state = hour(0, 50, 20, 40);
        assertThat(ServingState.fromEntries(state.toEntries()).metrics()).isEqualTo(state.metrics());
    }

    @Test
    void givenTwoHoursWithOverlappingUsers_whenMerged_thenCountsAddAndUsersAreTheUnionEstimate() {
        ServingState day = hour(0, 60, 10, 40).merge(hour(30, 60, 100, 10));
        Map<String, Double> m = day.metrics();

        assertThat(m.get("requests")).isEqualTo(50.0);
        assertThat(m.get("errors.timeout")).isEqualTo(4.0);
        assertThat(m.get("active_users")).isCloseTo(90.0, within(2.0));
        assertThat(m.get("ctr")).isCloseTo(14.0 / 200, within(1e-12));
        assertThat(m.get("peak_minute_interactions")).isEqualTo(6.0);
        // the day's p95 (rank 46 of 50) falls among the slow hour's ~100 ms, not at an average of the two p95s
        assertThat(m.get("latency_p95_ms")).isBetween(100.0 * 0.99, 104.0 * 1.01);
    }

    @Test
    void givenAnEmptyHour_whenMetrics_thenNoRateWithoutDenominatorAndNoNaN() {
        Map<String, Double> m = new ServingState(0.01, 12).metrics();
        assertThat(m).doesNotContainKeys("success_rate", "ctr", "latency_p95_ms", "interactions_per_user");
        assertThat(m.values()).noneMatch(v -> v.isNaN() || v.isInfinite());
        assertThat(m.get("active_users")).isZero();
    }
}
