package lens.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DistributionsTest {

    @Test
    void givenTextbookQuantiles_whenNormalFunctions_thenTheyMatchTheTables() {
        assertThat(Distributions.normalCdf(1.959963984540054)).isCloseTo(0.975, within(1e-12));
        assertThat(Distributions.normalCdf(0)).isCloseTo(0.5, within(1e-15));
        assertThat(Distributions.normalCdf(-1)).isCloseTo(0.15865525393145707, within(1e-12));
        assertThat(Distributions.normalQuantile(0.975)).isCloseTo(1.959963984540054, within(1e-10));
        assertThat(Distributions.normalQuantile(0.001)).isCloseTo(-3.090232306167813, within(1e-9));
    }

    @Test
    void givenStudentT_whenCdfAndQuantile_thenTheyMatchTheTablesAndInvertEachOther() {
        // t(0.975; 10) = 2.228139, t(0.95; 3) = 2.353363 from any t table
        assertThat(Distributions.studentTQuantile(0.975, 10)).isCloseTo(2.228138852, within(1e-8));
        assertThat(Distributions.studentTQuantile(0.95, 3)).isCloseTo(2.353363435, within(1e-8));
        assertThat(Distributions.studentTCdf(2.228138852, 10)).isCloseTo(0.975, within(1e-9));
        // df = 1 is Cauchy: F(t) = 1/2 + atan(t)/π
        assertThat(Distributions.studentTCdf(3, 1)).isCloseTo(0.5 + Math.atan(3) / Math.PI, within(1e-12));
        assertThat(Distributions.studentTTwoSidedP(2.228138852, 10)).isCloseTo(0.05, within(1e-9));
        assertThat(Distributions.studentTQuantile(0.025, 10)).isCloseTo(-2.228138852, within(1e-8));
    }

    @Test
    void givenChiSquared_whenSurvival_thenItMatchesClosedFormsAndTables() {
        assertThat(Distributions.chiSquaredSurvival(3.841458820694124, 1)).isCloseTo(0.05, within(1e-10));
        // with 2 degrees of freedom the survival function is exp(-x/2)
        assertThat(Distributions.chiSquaredSurvival(7.3, 2)).isCloseTo(Math.exp(-3.65), within(1e-12));
        assertThat(Distributions.chiSquaredSurvival(0, 3)).isEqualTo(1.0);
    }

    @Test
    void givenIntegers_whenLogGamma_thenLogFactorial() {
        assertThat(Distributions.logGamma(5)).isCloseTo(Math.log(24), within(1e-12));
        assertThat(Distributions.logGamma(0.5)).isCloseTo(0.5 * Math.log(Math.PI), within(1e-12));
    }
}
