package lens.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MultipleTestingTest {

    private static final double[] P = {0.01, 0.04, 0.03, 0.005};

    @Test
    void givenFourPValues_whenHolm_thenStepDownAdjustedInInputOrder() {
        // sorted 0.005*4=0.02, 0.01*3=0.03, 0.03*2=0.06, 0.04*1=0.04 -> monotone 0.06
        assertThat(MultipleTesting.holm(P)).containsExactly(new double[] {0.03, 0.06, 0.06, 0.02}, within(1e-12));
    }

    @Test
    void givenFourPValues_whenBenjaminiHochberg_thenStepUpAdjustedInInputOrder() {
        // sorted 0.005*4/1=0.02, 0.01*4/2=0.02, 0.03*4/3=0.04, 0.04*4/4=0.04
        assertThat(MultipleTesting.benjaminiHochberg(P))
                .containsExactly(new double[] {0.02, 0.04, 0.04, 0.02}, within(1e-12));
    }

    @Test
    void givenLargePValues_whenAdjusted_thenCappedAtOne() {
        assertThat(MultipleTesting.holm(new double[] {0.6, 0.7})).containsExactly(1.0, 1.0);
        assertThat(MultipleTesting.benjaminiHochberg(new double[] {0.6, 0.7})).containsExactly(0.7, 0.7);
    }

    @Test
    void givenNoTests_whenAdjusted_thenEmpty() {
        assertThat(MultipleTesting.holm(new double[0])).isEmpty();
    }
}
