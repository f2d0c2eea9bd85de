package lens.trainer.ab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lens.stats.CovariateSums;
import lens.stats.DdSketch;
import org.junit.jupiter.api.Test;

/** The pure analysis behind ab-report, on hand-made sufficient statistics (no Spark). */
class ExperimentAnalysisTest {

    private static final List<MetricKind> CONVERSION_ONLY = List.of(MetricKind.CONVERSION);

    private static CovariateSums converted(long n, long conversions) {
        return new CovariateSums(n, conversions, conversions, 0, 0, 0);
    }

    private static Map<String, Map<String, Map<MetricKind, CovariateSums>>> cumulative(
            Map<String, CovariateSums> byArm) {
        Map<String, Map<MetricKind, CovariateSums>> arms = new LinkedHashMap<>();
        byArm.forEach((arm, s) -> arms.put(arm, Map.of(MetricKind.CONVERSION, s)));
        return Map.of(ExperimentAnalysis.CUMULATIVE, arms);
    }

    private static ExperimentConfig config(String control, Map<String, Double> split) {
        return new ExperimentConfig(control, split, 0.05, 0.001, 50, true, 5000, false, 0.1);
    }

    @Test
    void givenTextbookProportions_whenAnalysed_thenLiftAndRatesAreTheHandComputedOnes() {
        var report = ExperimentAnalysis.analyse("e", config("control", Map.of()), 0, CONVERSION_ONLY,
                cumulative(Map.of("control", converted(1000, 100), "treatment", converted(1000, 120))),
                Anomalies.NONE, Map.of());
        Map<String, Double> m = report.metrics();

        assertThat(m.get("e.control.conversion_rate")).isEqualTo(0.10);
        assertThat(m.get("e.treatment.lift")).isCloseTo(0.20, within(1e-12));
        assertThat(m.get("e.treatment.abs_lift")).isCloseTo(0.02, within(1e-12));
        // se of the difference: sqrt(0.09/1000 + 0.1056/1000) = 0.013986
        assertThat(m.get("e.treatment.abs_lift_ci_high") - m.get("e.treatment.abs_lift"))
                .isCloseTo(1.96 * 0.0139857, within(2e-4));
        assertThat(m.get("e.treatment.p_value_holm")).isEqualTo(m.get("e.treatment.p_value"));
        assertThat(m).doesNotContainKey("e.control.lift");
    }

    @Test
    void givenNoArmNamedControl_whenAnalysed_thenTheFirstSplitArmIsControlAndThatIsReported() {
        Map<String, Double> split = new LinkedHashMap<>();
        split.put("baseline", 1.0);
        split.put("new", 1.0);
        var report = ExperimentAnalysis.analyse("e", config("control", split), 0, CONVERSION_ONLY,
                cumulative(Map.of("baseline", converted(500, 50), "new", converted(500, 60))), Anomalies.NONE,
                Map.of());

        assertThat(report.details()).containsEntry("control", "baseline").containsEntry("controlConfigured", false);
        assertThat(report.metrics()).containsKey("e.new.lift");
    }

    @Test
    void givenAnArmOutsideTheSplit_whenAnalysed_thenItIsListedAndLeftOutOfTheSrmCheck() {
        var report = ExperimentAnalysis.analyse("e",
                config("control", Map.of("control", 1.0, "treatment", 1.0)), 0, CONVERSION_ONLY,
                cumulative(Map.of("control", converted(500, 50), "treatment", converted(500, 55),
                        "rogue", converted(400, 10))), Anomalies.NONE, Map.of());

        assertThat(report.details().get("armsNotInSplit")).isEqualTo(List.of("rogue"));
        assertThat(report.metrics().get("e.srm_flag")).isZero();
        assertThat(report.metrics()).containsKey("e.rogue.lift");
    }

    @Test
    void givenNoConversionsInControl_whenAnalysed_thenTheComparisonSaysWhyThereIsNoRelativeLift() {
        var report = ExperimentAnalysis.analyse("e", config("control", Map.of()), 0, CONVERSION_ONLY,
                cumulative(Map.of("control", converted(100, 0), "treatment", converted(100, 5))), Anomalies.NONE,
                Map.of());

        assertThat(report.metrics()).doesNotContainKey("e.treatment.lift").containsKey("e.treatment.conversion_rate");
        assertThat(report.details().toString()).contains("control mean is zero");
    }

    @Test
    void givenTooFewGuardrailResponses_whenAnalysed_thenInsufficientDataNotDegraded() {
        DdSketch fast = new DdSketch().add(10);
        DdSketch slow = new DdSketch().add(100);
        var report = ExperimentAnalysis.analyse("e", config("control", Map.of()), 0, CONVERSION_ONLY,
                cumulative(Map.of("control", converted(100, 10), "treatment", converted(100, 12))), Anomalies.NONE,
                Map.of(ExperimentAnalysis.CUMULATIVE, Map.of("control", new ArmGuardrail(1, 0, fast),
                        "treatment", new ArmGuardrail(1, 0, slow))));

        assertThat(report.metrics()).doesNotContainKey("e.treatment.guardrail_degraded");
        assertThat(guardrail(report, ExperimentAnalysis.CUMULATIVE, "treatment"))
                .containsEntry("status", "insufficient_data");
    }

    @Test
    void givenATreatmentSlowAndFailingOnlyInTheLatestHour_whenAnalysed_thenOnlyTheHourScopeGuardrailIsDegraded() {
        // the hour: 30 responses per arm; treatment at 120 ms with 8 failures, control at 40 ms without
        Map<String, ArmGuardrail> hour = Map.of(
                "control", new ArmGuardrail(30, 0, latencies(40, 30)),
                "treatment", new ArmGuardrail(30, 8, latencies(120, 30)));
        // since the start: the same hour diluted in 970 more responses at 40 ms (10 failures per arm)
        Map<String, ArmGuardrail> cumulative = Map.of(
                "control", new ArmGuardrail(1000, 10, latencies(40, 1000)),
                "treatment", new ArmGuardrail(1000, 18, latencies(40, 970).merge(latencies(120, 30))));
        var report = ExperimentAnalysis.analyse("e", config("control", Map.of()), 0, CONVERSION_ONLY,
                cumulative(Map.of("control", converted(1000, 100), "treatment", converted(1000, 110))),
                Anomalies.NONE, Map.of(ExperimentAnalysis.CUMULATIVE, cumulative, ExperimentAnalysis.HOUR, hour));
        Map<String, Double> m = report.metrics();

        assertThat(m.get("e.hour.treatment.guardrail_degraded")).isEqualTo(1.0);
        assertThat(m.get("e.hour.treatment.error_rate")).isEqualTo(8 / 30.0);
        assertThat(m.get("e.hour.treatment.latency_p95_ms")).isCloseTo(120, within(1.2));
        assertThat(m.get("e.hour.control.error_rate")).isZero();
        assertThat(guardrail(report, ExperimentAnalysis.HOUR, "treatment"))
                .containsEntry("latencyDegraded", true).containsEntry("errorRateDegraded", true);
        // 3 % slow responses leave the cumulative p95 at 40 ms; 1.8 % vs 1.0 % errors is not significant
        assertThat(m.get("e.treatment.guardrail_degraded")).isZero();
        assertThat(m.get("e.treatment.error_rate")).isEqualTo(0.018);
        assertThat(m.get("e.treatment.latency_p95_ms")).isCloseTo(40, within(0.4));
    }

    @Test
    void givenNoResponsesInTheHour_whenAnalysed_thenTheHourGuardrailsSayNoDataAndPublishNoMetric() {
        var report = ExperimentAnalysis.analyse("e", config("control", Map.of()), 0, CONVERSION_ONLY,
                cumulative(Map.of("control", converted(100, 10), "treatment", converted(100, 12))), Anomalies.NONE,
                Map.of(ExperimentAnalysis.CUMULATIVE, Map.of("control", new ArmGuardrail(50, 1, latencies(40, 50)),
                        "treatment", new ArmGuardrail(50, 1, latencies(40, 50)))));

        assertThat(guardrail(report, ExperimentAnalysis.HOUR, "treatment")).containsEntry("status", "no_data");
        assertThat(report.metrics()).containsKey("e.treatment.error_rate")
                .doesNotContainKeys("e.hour.treatment.error_rate", "e.hour.treatment.guardrail_degraded");
    }

    private static DdSketch latencies(double ms, int n) {
        DdSketch sketch = new DdSketch();
        for (int i = 0; i < n; i++) {
            sketch.add(ms);
        }
        return sketch;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> guardrail(ExperimentAnalysis.Report report, String scope, String arm) {
        Map<String, Object> body = (Map<String, Object>) ((Map<String, Object>) report.details().get("scopes"))
                .get(scope);
        return ((List<Map<String, Object>>) body.get("guardrails")).stream().filter(g -> g.get("arm").equals(arm))
                .findFirst().orElseThrow();
    }
}
