package lens.stats;

/**
 * A numeric per-unit metric from its sums: n units, Σx and Σx². Variance uses the n - 1 (unbiased) denominator.
 */
public record SampleMean(long n, double sum, double sumSquares) implements MeanStatistic {

    public SampleMean {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
    }

    @Override
    public double mean() {
        return n == 0 ? 0 : sum / n;
    }

    @Override
    public double variance() {
        if (n < 2) {
            return 0;
        }
        // clamp the rounding noise of sumSquares - sum^2/n, which can dip below zero for constant data
        return Math.max(0, (sumSquares - sum * sum / n) / (n - 1));
    }

    public SampleMean plus(SampleMean other) {
        return new SampleMean(n + other.n, sum + other.sum, sumSquares + other.sumSquares);
    }
}
