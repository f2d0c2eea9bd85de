package lens.trainer.als;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Least-squares blend weights from normal equations, worked out by hand. */
class BlendWeightsTest {

    @Test
    void givenTargetsThatAreAnExactMix_whenFitted_thenTheMixIsRecovered() {
        // a = (1, 0, 1), k = (0, 1, 1), y = 0.6 a + 0.4 k = (0.6, 0.4, 1.0)
        BlendWeights.NormalEquations sums = new BlendWeights.NormalEquations(3, 2, 1, 2, 1.6, 1.4);
        BlendWeights weights = BlendWeights.fit(sums);
        assertThat(weights.als()).isCloseTo(0.6, within(1e-5));
        assertThat(weights.neighbours()).isCloseTo(0.4, within(1e-5));
    }

    @Test
    void givenNoisyTargets_whenFitted_thenTheWeightsSolveTheNormalEquations() {
        // a = (1, 2, 3), k = (1, 0, 1), y = (2, 2, 5): [14 4; 4 2] w = [21; 7], determinant 12, w = (14/12, 14/12)
        BlendWeights weights = BlendWeights.fit(new BlendWeights.NormalEquations(3, 14, 4, 2, 21, 7));
        assertThat(weights.als()).isCloseTo(14 / 12.0, within(1e-5));
        assertThat(weights.neighbours()).isCloseTo(14 / 12.0, within(1e-5));
    }

    @Test
    void givenANeighbourScoreThatIsAlwaysZero_whenFitted_thenItGetsNoWeightInsteadOfASingularSystem() {
        // a = (1, 2), k = (0, 0), y = (1, 1): wa = 3 / 5
        BlendWeights weights = BlendWeights.fit(new BlendWeights.NormalEquations(2, 5, 0, 0, 3, 0));
        assertThat(weights.als()).isCloseTo(0.6, within(1e-5));
        assertThat(weights.neighbours()).isZero();
    }

    @Test
    void givenNoValidationRows_whenFitted_thenAlsAloneIsKept() {
        assertThat(BlendWeights.fit(new BlendWeights.NormalEquations(0, 0, 0, 0, 0, 0)))
                .isEqualTo(BlendWeights.ALS_ONLY);
    }

    @Test
    void givenWeights_whenCombining_thenTheScoresAreMixedLinearly() {
        assertThat(new BlendWeights(0.6, 0.4).combine(1.0, 2.0)).isCloseTo(1.4, within(1e-12));
    }
}
