package lens.trainer.als;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ConfidenceScaleTest {

    @Test
    void givenTheLinearScale_whenApplied_thenTheStrengthIsUnchanged() {
        ConfidenceScale linear = ConfidenceScale.parse("linear", 1.0);

        assertThat(linear.apply(4.0)).isEqualTo(4.0);
        assertThat(linear.apply(0.0)).isZero();
    }

    @Test
    void givenTheLogScale_whenApplied_thenItIsLogOfOnePlusStrengthOverEpsilon() {
        ConfidenceScale log = ConfidenceScale.parse("LOG", 0.5);

        // log(1 + 3 / 0.5) = log 7
        assertThat(log.apply(3.0)).isCloseTo(Math.log(7.0), within(1e-12));
        assertThat(log.apply(0.0)).isZero();
    }

    @Test
    void givenTheLogScale_whenStrengthsGrow_thenTheyStillRankInOrderButTheGapsShrink() {
        ConfidenceScale log = ConfidenceScale.parse("log", 1.0);

        double one = log.apply(1.0);
        double five = log.apply(5.0);
        double fifty = log.apply(50.0);

        assertThat(one).isLessThan(five);
        assertThat(five).isLessThan(fifty);
        // ten times the strength is far less than ten times the confidence
        assertThat(fifty / five).isLessThan(3.0);
    }

    @Test
    void givenAnUnknownKindOrANonPositiveEpsilon_whenParsed_thenItIsRefused() {
        assertThatThrownBy(() -> ConfidenceScale.parse("sqrt", 1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConfidenceScale.parse("log", 0.0)).isInstanceOf(IllegalArgumentException.class);
    }
}
