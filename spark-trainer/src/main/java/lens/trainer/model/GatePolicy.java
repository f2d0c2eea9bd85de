package lens.trainer.model;

/**
 * When a challenger may replace the champion.
 *
 * @param rmseTolerance       how much higher (absolute) the challenger's RMSE may be than the champion's
 * @param rankingTolerance    how much lower (relative, 0.05 = 5 %) its NDCG@k may be than the champion's
 * @param minBaselineLift     NDCG@k over the popularity baseline's it must reach (1.0 = at least as good)
 * @param timeBudgetSeconds   training must finish within this many seconds
 */
public record GatePolicy(double rmseTolerance, double rankingTolerance, double minBaselineLift,
                         double timeBudgetSeconds) {

    public GatePolicy {
        if (rmseTolerance < 0 || rankingTolerance < 0 || rankingTolerance >= 1 || minBaselineLift < 0
                || timeBudgetSeconds <= 0) {
            throw new IllegalArgumentException("invalid gate policy");
        }
    }

    public static GatePolicy defaults() {
        return new GatePolicy(0.01, 0.05, 1.0, 3600);
    }
}
