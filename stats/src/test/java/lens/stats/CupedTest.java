package lens.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CupedTest {

    private static CovariateSums sums(double[] x, double[] y) {
        CovariateSums s = new CovariateSums(0, 0, 0, 0, 0, 0);
        for (int i = 0; i < x.length; i++) {
            s = s.plus(new CovariateSums(1, y[i], y[i] * y[i], x[i], x[i] * x[i], x[i] * y[i]));
        }
        return s;
    }

    @Test
    void givenMetricFullyExplainedByCovariate_whenAdjusted_thenThetaIsTheSlopeAndArmsBecomeEqual() {
        // y = 2x everywhere: control x = {1, 3}, treatment x = {3, 5}; pooled mean x = 3
        CovariateSums control = sums(new double[] {1, 3}, new double[] {2, 6});
        CovariateSums treatment = sums(new double[] {3, 5}, new double[] {6, 10});
        List<CovariateSums> arms = List.of(control, treatment);

        double theta = Cuped.theta(arms);
        MeanStatistic c = Cuped.adjust(control, theta, Cuped.pooledMeanX(arms));
        MeanStatistic t = Cuped.adjust(treatment, theta, Cuped.pooledMeanX(arms));

        assertThat(theta).isCloseTo(2.0, within(1e-12));
        // 4 - 2 (2 - 3) = 6 and 8 - 2 (4 - 3) = 6: the whole raw difference was the covariate's
        assertThat(c.mean()).isCloseTo(6.0, within(1e-12));
        assertThat(t.mean()).isCloseTo(6.0, within(1e-12));
        assertThat(c.variance()).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void givenCorrelatedPrePeriod_whenAdjusted_thenVarianceShrinksAndTheTrueEffectStaysCovered() {
        Random random = new Random(7);
        int n = 4000;
        double[][] x = new double[2][n];
        double[][] y = new double[2][n];
        for (int arm = 0; arm < 2; arm++) {
            for (int i = 0; i < n; i++) {
                x[arm][i] = 10 + 3 * random.nextGaussian();
                y[arm][i] = x[arm][i] + random.nextGaussian() + (arm == 1 ? 0.2 : 0);
            }
        }
        CovariateSums control = sums(x[0], y[0]);
        CovariateSums treatment = sums(x[1], y[1]);
        List<CovariateSums> arms = List.of(control, treatment);
        double theta = Cuped.theta(arms);
        double meanX = Cuped.pooledMeanX(arms);

        TestResult raw = FrequentistTests.welch(control.metric(), treatment.metric(), Scale.ABSOLUTE, 0.05);
        TestResult adjusted = FrequentistTests.welch(Cuped.adjust(control, theta, meanX),
                Cuped.adjust(treatment, theta, meanX), Scale.ABSOLUTE, 0.05);

        assertThat(theta).isCloseTo(1.0, within(0.05));
        // var(y) = 9 + 1, residual 1: the standard error shrinks by about sqrt(10)
        assertThat(raw.standardError() / adjusted.standardError()).isGreaterThan(2.8).isLessThan(3.5);
        assertThat(adjusted.ciLow()).isLessThan(0.2);
        assertThat(adjusted.ciHigh()).isGreaterThan(0.2);
    }

    @Test
    void givenConstantCovariate_whenAdjusted_thenNothingChanges() {
        CovariateSums control = sums(new double[] {1, 1, 1}, new double[] {1, 2, 3});
        assertThat(Cuped.theta(List.of(control))).isEqualTo(0.0);
        MeanStatistic adjusted = Cuped.adjust(control, 0, 1);
        assertThat(adjusted.mean()).isEqualTo(2.0);
        assertThat(adjusted.variance()).isCloseTo(1.0, within(1e-12));
    }
}
