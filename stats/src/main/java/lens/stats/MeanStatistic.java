package lens.stats;

/** One arm's sufficient statistics for a per-unit metric: units, mean and the variance of a unit's value. */
public interface MeanStatistic {

    long n();

    double mean();

    /** Variance of one unit's value (not of the mean). */
    double variance();

    /** Variance of the mean: variance / n. */
    default double varianceOfMean() {
        return variance() / n();
    }
}
