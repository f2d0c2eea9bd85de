package lens.trainer.als;

/**
 * How the rating model mixes its two residual predictors: {@code baseline + als * alsScore + neighbours *
 * neighbourScore}. {@link #fit} solves the least-squares problem on held-out residuals from its normal equations
 * (sums a distributed aggregation can produce), with a small ridge so that a predictor that is constant on the
 * validation rows gets weight 0 instead of a singular system.
 *
 * @param als        weight of the ALS factor score
 * @param neighbours weight of the item-neighbourhood score
 */
public record BlendWeights(double als, double neighbours) {

    /** ALS alone: the model without a neighbourhood part. */
    public static final BlendWeights ALS_ONLY = new BlendWeights(1.0, 0.0);

    /** Ridge relative to the average squared score: negligible unless the system is (nearly) singular. */
    static final double RELATIVE_RIDGE = 1e-6;

    public BlendWeights {
        if (!Double.isFinite(als) || !Double.isFinite(neighbours)) {
            throw new IllegalArgumentException("blend weights must be finite: " + als + ", " + neighbours);
        }
    }

    /**
     * Sums over validation rows of the products of the two scores {@code a} (ALS) and {@code k} (neighbours) and
     * the target residual {@code y = rating - baseline}.
     */
    public record NormalEquations(long rows, double aa, double ak, double kk, double ay, double ky) {
    }

    /** The weights minimising sum (y - wa * a - wk * k)^2; {@link #ALS_ONLY} when there are no rows. */
    public static BlendWeights fit(NormalEquations sums) {
        if (sums.rows() == 0) {
            return ALS_ONLY;
        }
        double ridge = RELATIVE_RIDGE * Math.max((sums.aa() + sums.kk()) / 2, Double.MIN_NORMAL);
        double aa = sums.aa() + ridge;
        double kk = sums.kk() + ridge;
        double determinant = aa * kk - sums.ak() * sums.ak();
        double als = (kk * sums.ay() - sums.ak() * sums.ky()) / determinant;
        double neighbours = (aa * sums.ky() - sums.ak() * sums.ay()) / determinant;
        return new BlendWeights(als, neighbours);
    }

    public double combine(double alsScore, double neighbourScore) {
        return als * alsScore + neighbours * neighbourScore;
    }
}
