package lens.trainer.als;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Residuals i = (1, -1, 2), j = (2, -1, 1) over three users: products 5, squares 6 and 6, correlation 5/6. */
class ShrunkSimilarityTest {

    @Test
    void givenNoShrinkage_whenComputed_thenItIsThePlainCorrelation() {
        assertThat(ShrunkSimilarity.of(5, 6, 6, 3, 0)).isCloseTo(5 / 6.0, within(1e-12));
    }

    @Test
    void givenShrinkageTwoAndThreeCommonUsers_whenComputed_thenTheCorrelationIsHalved() {
        // support n - 1 = 2, factor 2 / (2 + 2)
        assertThat(ShrunkSimilarity.of(5, 6, 6, 3, 2)).isCloseTo(5 / 12.0, within(1e-12));
    }

    @Test
    void givenOppositeResiduals_whenComputed_thenTheSimilarityIsNegativeAndShrunk() {
        // i = (1, -1), j = (-1, 1): correlation -1, support 1, factor 1 / (1 + 3)
        assertThat(ShrunkSimilarity.of(-2, 2, 2, 2, 3)).isCloseTo(-0.25, within(1e-12));
    }

    @Test
    void givenOneCommonUserOrAConstantResidual_whenComputed_thenThereIsNoSimilarity() {
        assertThat(ShrunkSimilarity.of(2, 1, 4, 1, 0)).isZero();
        assertThat(ShrunkSimilarity.of(0, 0, 6, 3, 0)).isZero();
    }

    @Test
    void givenANegativeShrinkage_whenComputed_thenItIsRefused() {
        assertThatThrownBy(() -> ShrunkSimilarity.of(5, 6, 6, 3, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
