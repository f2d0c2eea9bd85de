package lens.stats;

/** A binary per-unit metric (converted or not): n units of which {@code successes} converted. */
public record Proportion(long n, long successes) implements MeanStatistic {

    public Proportion {
        if (n < 0 || successes < 0 || successes > n) {
            throw new IllegalArgumentException("need 0 <= successes <= n, got " + successes + " of " + n);
        }
    }

    @Override
    public double mean() {
        return n == 0 ? 0 : (double) successes / n;
    }

    /** Bernoulli variance p(1 - p), as experimentation platforms use for conversion metrics. */
    @Override
    public double variance() {
        double p = mean();
        return p * (1 - p);
    }
}
