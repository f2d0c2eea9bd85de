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
                Map.of("control", new ArmGuardrail(1, 0, fast), "treatment", new ArmGuardrail(1, 0, slow)));

        assertThat(report.metrics()).doesNotContainKey("e.treatment.guardrail_degraded");
        assertThat(report.details().get("guardrails").toString()).contains("insufficient_data");
    }
}
