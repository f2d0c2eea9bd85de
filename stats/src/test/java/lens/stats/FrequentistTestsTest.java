package lens.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Known answers from GrowthBook's gbstats test suite, matched to 4 decimals. */
class FrequentistTestsTest {

    private static final SampleMean A = new SampleMean(3407, 1396.87, 52377.9767);
    private static final SampleMean B = new SampleMean(3461, 2422.7, 134698.29);

    @Test
    void givenGrowthBookArms_whenRelativeWelchTest_thenLiftSeCiAndPValueMatch() {
        TestResult result = FrequentistTests.welch(A, B, Scale.RELATIVE, 0.05);

        assertThat(result.estimate()).isCloseTo(0.70732, within(5e-5));
        assertThat(result.standardError()).isCloseTo(0.37879, within(5e-5));
        assertThat(result.ciLow()).isCloseTo(-0.03526, within(5e-5));
        assertThat(result.ciHigh()).isCloseTo(1.44989, within(5e-5));
        assertThat(result.pValue()).isCloseTo(0.06191, within(5e-5));
        assertThat(result.significant()).isFalse();
    }

    @Test
    void givenGrowthBookArms_whenAbsoluteWelchTest_thenLiftSeAndCiMatch() {
        TestResult result = FrequentistTests.welch(A, B, Scale.ABSOLUTE, 0.05);

        assertThat(result.estimate()).isCloseTo(0.29, within(5e-5));
        assertThat(result.standardError()).isCloseTo(0.12478, within(5e-5));
        assertThat(result.ciLow()).isCloseTo(0.04538, within(5e-5));
        assertThat(result.ciHigh()).isCloseTo(0.53462, within(5e-5));
        assertThat(result.significant()).isTrue();
    }

    @Test
    void givenGrowthBookProportions_whenSequentialWithTuning5000_thenLiftAndCiMatch() {
        TestResult result = FrequentistTests.sequential(new Proportion(3000, 1396), new Proportion(3461, 2422),
                Scale.RELATIVE, 0.05, 5000);

        assertThat(result.estimate()).isCloseTo(0.50386, within(5e-5));
        assertThat(result.ciLow()).isCloseTo(0.40098, within(5e-5));
        assertThat(result.ciHigh()).isCloseTo(0.60675, within(5e-5));
    }

    @Test
    void givenSameData_whenSequential_thenIntervalIsWiderThanFixedHorizonAndPValueAtItsEdgeIsAlpha() {
        Proportion control = new Proportion(3000, 1396);
        Proportion treatment = new Proportion(3461, 2422);
        TestResult fixed = FrequentistTests.welch(control, treatment, Scale.RELATIVE, 0.05);
        TestResult sequential = FrequentistTests.sequential(control, treatment, Scale.RELATIVE, 0.05, 5000);

        assertThat(sequential.ciHigh() - sequential.ciLow()).isGreaterThan(fixed.ciHigh() - fixed.ciLow());
        assertThat(sequential.pValue()).isGreaterThan(fixed.pValue()).isLessThan(1e-6);
    }

    @Test
    void givenEqualArms_whenSequential_thenPValueIsOne() {
        Proportion same = new Proportion(1000, 100);
        assertThat(FrequentistTests.sequential(same, same, Scale.RELATIVE, 0.05, 5000).pValue()).isEqualTo(1.0);
    }

    @Test
    void givenHandComputedProportions_whenAbsoluteWelch_thenStandardErrorIsTheTextbookOne() {
        // p_c = 0.1, p_t = 0.12, n = 1000 each: se = sqrt(0.09/1000 + 0.1056/1000)
        TestResult result = FrequentistTests.welch(new Proportion(1000, 100), new Proportion(1000, 120),
                Scale.ABSOLUTE, 0.05);
        assertThat(result.estimate()).isCloseTo(0.02, within(1e-12));
        assertThat(result.standardError()).isCloseTo(Math.sqrt(0.1956 / 1000), within(1e-12));
    }

    @Test
    void givenTooFewUnitsOrZeroBaseline_whenTested_thenReasonIsGiven() {
        assertThatThrownBy(() -> FrequentistTests.welch(new Proportion(1, 1), B, Scale.RELATIVE, 0.05))
                .hasMessageContaining("at least 2 units");
        assertThatThrownBy(() -> FrequentistTests.welch(new Proportion(100, 0), new Proportion(100, 5),
                Scale.RELATIVE, 0.05)).hasMessageContaining("control mean is zero");
        assertThatThrownBy(() -> FrequentistTests.welch(new Proportion(100, 0), new Proportion(100, 0),
                Scale.ABSOLUTE, 0.05)).hasMessageContaining("zero variance");
    }
}
