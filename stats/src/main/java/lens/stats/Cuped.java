package lens.stats;

import java.util.List;

/**
 * CUPED (Deng et al. 2013): y' = y - θ (x - mean x), with θ = cov(x, y) / var(x) pooled over all arms so
 * every arm is adjusted alike. The adjusted means keep the difference between arms unbiased while its variance
 * shrinks by the squared correlation between metric and covariate.
 */
public final class Cuped {

    private Cuped() {
    }

    /** θ pooled over the arms; 0 when the covariate has no variance (nothing to adjust with). */
    public static double theta(List<CovariateSums> arms) {
        CovariateSums pooled = pool(arms);
        double varX = pooled.varianceX();
        return varX > 0 ? pooled.covarianceXY() / varX : 0;
    }

    /** The arm's metric after adjustment, as a statistic the ordinary tests take. */
    public static MeanStatistic adjust(CovariateSums arm, double theta, double pooledMeanX) {
        double meanX = arm.n() == 0 ? 0 : arm.sumX() / arm.n();
        double mean = arm.metric().mean() - theta * (meanX - pooledMeanX);
        double variance = Math.max(0, arm.metric().variance() + theta * theta * arm.varianceX()
                - 2 * theta * arm.covarianceXY());
        long n = arm.n();
        return new MeanStatistic() {
            @Override
            public long n() {
                return n;
            }

            @Override
            public double mean() {
                return mean;
            }

            @Override
            public double variance() {
                return variance;
            }
        };
    }

    public static double pooledMeanX(List<CovariateSums> arms) {
        CovariateSums pooled = pool(arms);
        return pooled.n() == 0 ? 0 : pooled.sumX() / pooled.n();
    }

    private static CovariateSums pool(List<CovariateSums> arms) {
        CovariateSums pooled = new CovariateSums(0, 0, 0, 0, 0, 0);
        for (CovariateSums arm : arms) {
            pooled = pooled.plus(arm);
        }
        return pooled;
    }
}
