package lens.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PromotionGateTest {

    private final PromotionGate gate = new PromotionGate(new GatePolicy(0.01, 0.05, 1.2, 600));

    private static Map<String, Double> metrics(double rmse, double ndcg, double baseline) {
        Map<String, Double> metrics = new HashMap<>();
        metrics.put(PromotionGate.RMSE, rmse);
        metrics.put(PromotionGate.NDCG, ndcg);
        metrics.put(PromotionGate.BASELINE_NDCG, baseline);
        return metrics;
    }

    @Test
    void givenNoChampionAndAGoodModel_whenDeciding_thenItIsPromotedWithReasons() {
        GateDecision decision = gate.decide(metrics(0.9, 0.3, 0.2), Optional.empty(), 10);
        assertThat(decision.promote()).isTrue();
        assertThat(decision.reasons()).allMatch(reason -> reason.startsWith("PASS"))
                .anyMatch(reason -> reason.contains("no champion yet"));
    }

    @Test
    void givenAChallengerWithinTolerance_whenDeciding_thenItIsPromoted() {
        GateDecision decision = gate.decide(metrics(0.905, 0.29, 0.2), Optional.of(metrics(0.9, 0.3, 0.2)), 10);
        assertThat(decision.promote()).isTrue();
    }

    @Test
    void givenAWorseRmseBeyondTolerance_whenDeciding_thenItIsRejectedAndTheReasonSaysWhy() {
        GateDecision decision = gate.decide(metrics(0.92, 0.3, 0.2), Optional.of(metrics(0.9, 0.3, 0.2)), 10);
        assertThat(decision.promote()).isFalse();
        assertThat(decision.reasons()).anyMatch(reason -> reason.startsWith("FAIL RMSE 0.9200 vs champion 0.9000"));
    }

    @Test
    void givenARankingDropBeyondTolerance_whenDeciding_thenItIsRejected() {
        assertThat(gate.decide(metrics(0.9, 0.28, 0.2), Optional.of(metrics(0.9, 0.3, 0.2)), 10).promote()).isFalse();
    }

    @Test
    void givenNoLiftOverPopularity_whenDeciding_thenItIsRejected() {
        GateDecision decision = gate.decide(metrics(0.9, 0.23, 0.2), Optional.empty(), 10);
        assertThat(decision.promote()).isFalse();
        assertThat(decision.reasons()).anyMatch(reason -> reason.contains("does not beat the baseline"));
    }

    @Test
    void givenANaNMetricOrAnOverBudgetTraining_whenDeciding_thenItIsRejected() {
        assertThat(gate.decide(metrics(Double.NaN, 0.3, 0.2), Optional.empty(), 10).promote()).isFalse();
        GateDecision slow = gate.decide(metrics(0.9, 0.3, 0.2), Optional.empty(), 601);
        assertThat(slow.promote()).isFalse();
        assertThat(slow.reasons()).anyMatch(reason -> reason.contains("over the budget"));
    }
}
