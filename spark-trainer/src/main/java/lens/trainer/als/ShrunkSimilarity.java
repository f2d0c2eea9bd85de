package lens.trainer.als;

/**
 * Item-item similarity of the neighbourhood model: the Pearson correlation of two movies' baseline residuals over
 * the users who rated both (Koren's "pearson baseline"), shrunk towards zero by {@code (n - 1) / (n - 1 + shrinkage)}
 * so that a correlation resting on a handful of common users cannot outweigh a well supported one.
 */
public final class ShrunkSimilarity {

    private ShrunkSimilarity() {
    }

    /**
     * @param sumProducts  sum over common users of residual(i) * residual(j)
     * @param sumSquaresI  sum over common users of residual(i)^2
     * @param sumSquaresJ  sum over common users of residual(j)^2
     * @param commonUsers  number of users who rated both
     * @param shrinkage    pseudo-count of zero-correlation evidence (0: no shrinkage)
     * @return the shrunk correlation in [-1, 1]; 0 with fewer than two common users or a constant residual
     */
    public static double of(double sumProducts, double sumSquaresI, double sumSquaresJ, long commonUsers,
                            double shrinkage) {
        if (shrinkage < 0) {
            throw new IllegalArgumentException("shrinkage must not be negative, got " + shrinkage);
        }
        double norm = Math.sqrt(sumSquaresI * sumSquaresJ);
        if (commonUsers < 2 || norm == 0) {
            return 0.0;
        }
        double support = commonUsers - 1.0;
        return support / (support + shrinkage) * (sumProducts / norm);
    }
}
