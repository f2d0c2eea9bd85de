package lens.stats;

/**
 * One arm's sufficient statistics for CUPED: n units, the metric y and a pre-period covariate x, as
 * Σy, Σy², Σx, Σx² and Σxy.
 */
public record CovariateSums(long n, double sumY, double sumY2, double sumX, double sumX2, double sumXY) {

    public CovariateSums plus(CovariateSums o) {
        return new CovariateSums(n + o.n, sumY + o.sumY, sumY2 + o.sumY2, sumX + o.sumX, sumX2 + o.sumX2,
                sumXY + o.sumXY);
    }

    public SampleMean metric() {
        return new SampleMean(n, sumY, sumY2);
    }

    double varianceX() {
        return n < 2 ? 0 : (sumX2 - sumX * sumX / n) / (n - 1);
    }

    double covarianceXY() {
        return n < 2 ? 0 : (sumXY - sumX * sumY / n) / (n - 1);
    }
}
