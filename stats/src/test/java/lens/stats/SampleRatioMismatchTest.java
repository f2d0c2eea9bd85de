package lens.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SampleRatioMismatchTest {

    private static final Map<String, Double> HALVES = Map.of("control", 0.5, "treatment", 0.5);

    @Test
    void givenA5000To4600SplitOnHalves_whenChecked_thenChiSquareIsHandComputedAndFlagged() {
        // expected 4800 each: chi2 = 2 * 200^2 / 4800 = 16.667, p = 4.46e-5
        var result = SampleRatioMismatch.check(Map.of("control", 5000L, "treatment", 4600L), HALVES, 0.001, 100);

        assertThat(result.chiSquare()).isCloseTo(16.6667, within(1e-4));
        assertThat(result.pValue()).isCloseTo(4.4553e-5, within(1e-8));
        assertThat(result.mismatch()).isTrue();
    }

    @Test
    void givenAMildImbalance_whenChecked_thenNotFlaggedAtTheStrictThreshold() {
        // chi2 = 2 * 150^2 / 4850 = 9.278, p = 0.0023 > 0.001
        var result = SampleRatioMismatch.check(Map.of("control", 5000L, "treatment", 4700L), HALVES, 0.001, 100);
        assertThat(result.pValue()).isCloseTo(0.00232, within(1e-5));
        assertThat(result.mismatch()).isFalse();
    }

    @Test
    void givenThreeEqualArms_whenChecked_thenPValueIsTheTwoDegreeClosedForm() {
        Map<String, Double> thirds = new LinkedHashMap<>();
        thirds.put("a", 1.0);
        thirds.put("b", 1.0);
        thirds.put("c", 1.0);
        var result = SampleRatioMismatch.check(Map.of("a", 100L, "b", 100L, "c", 130L), thirds, 0.001, 10);
        // expected 110: chi2 = (100 + 100 + 400) / 110; survival with 2 dof = exp(-chi2 / 2)
        assertThat(result.chiSquare()).isCloseTo(600.0 / 110, within(1e-12));
        assertThat(result.pValue()).isCloseTo(Math.exp(-300.0 / 110), within(1e-12));
    }

    @Test
    void givenTooFewUnits_whenChecked_thenNotEnoughDataAndNeverFlagged() {
        var result = SampleRatioMismatch.check(Map.of("control", 30L), HALVES, 0.001, 100);
        assertThat(result.enoughData()).isFalse();
        assertThat(result.mismatch()).isFalse();
        assertThat(result.expected()).containsEntry("treatment", 15.0);
    }

    @Test
    void givenAnArmWithoutData_whenChecked_thenItCountsAsZeroUnits() {
        var result = SampleRatioMismatch.check(Map.of("control", 1000L), HALVES, 0.001, 100);
        assertThat(result.chiSquare()).isCloseTo(1000.0, within(1e-9));
        assertThat(result.mismatch()).isTrue();
    }

    @Test
    void givenAnUnconfiguredArm_whenChecked_thenRejected() {
        assertThatThrownBy(() -> SampleRatioMismatch.check(Map.of("rogue", 5L), HALVES, 0.001, 1))
                .hasMessageContaining("rogue");
    }
}
