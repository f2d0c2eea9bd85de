package lens.trainer.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Decides whether a freshly trained challenger becomes champion. It must: have no NaN or infinite metric; have
 * trained within its time budget; beat the popularity baseline on NDCG@k by the policy's lift (when the run
 * measured ranking); and be no worse than the champion, measured on the same holdout, beyond the tolerances.
 * Pure logic: the job supplies the figures.
 */
public final class PromotionGate {

    public static final String RMSE = "rmse";
    public static final String NDCG = "ndcg_at_k";
    public static final String BASELINE_NDCG = "baseline_ndcg_at_k";

    private final GatePolicy policy;

    public PromotionGate(GatePolicy policy) {
        this.policy = policy;
    }

    /**
     * @param challenger      the challenger's metrics ({@value #RMSE}, {@value #NDCG}, {@value #BASELINE_NDCG}...)
     * @param champion        the champion's metrics on the same holdout, absent when there is no champion
     * @param trainingSeconds how long the challenger's training took
     */
    public GateDecision decide(Map<String, Double> challenger, Optional<Map<String, Double>> champion,
                               double trainingSeconds) {
        List<String> failed = new ArrayList<>();
        List<String> passed = new ArrayList<>();
        challenger.forEach((name, value) -> {
            if (value == null || value.isNaN() || value.isInfinite()) {
                failed.add("metric " + name + " is " + value);
            }
        });
        if (failed.isEmpty()) {
            passed.add("no NaN metric");
        }
        if (trainingSeconds > policy.timeBudgetSeconds()) {
            failed.add(format("training took %.1f s, over the budget of %.1f s", trainingSeconds,
                    policy.timeBudgetSeconds()));
        } else {
            passed.add(format("training took %.1f s, within %.1f s", trainingSeconds, policy.timeBudgetSeconds()));
        }
        Double ndcg = challenger.get(NDCG);
        Double baseline = challenger.get(BASELINE_NDCG);
        if (finite(ndcg) && finite(baseline)) {
            double needed = baseline * policy.minBaselineLift();
            String comparison = format("NDCG@k %.4f vs popularity baseline %.4f (needs >= %.4f)", ndcg, baseline, needed);
            if (ndcg >= needed && ndcg > 0) {
                passed.add("beats the baseline: " + comparison);
            } else {
                failed.add("does not beat the baseline: " + comparison);
            }
        }
        if (champion.isEmpty()) {
            passed.add("no champion yet");
        } else {
            compareWithChampion(challenger, champion.get(), passed, failed);
        }
        List<String> reasons = new ArrayList<>();
        failed.forEach(reason -> reasons.add("FAIL " + reason));
        passed.forEach(reason -> reasons.add("PASS " + reason));
        return new GateDecision(failed.isEmpty(), reasons);
    }

    private void compareWithChampion(Map<String, Double> challenger, Map<String, Double> champion,
                                     List<String> passed, List<String> failed) {
        Double rmse = challenger.get(RMSE);
        Double championRmse = champion.get(RMSE);
        if (finite(rmse) && finite(championRmse)) {
            String text = format("RMSE %.4f vs champion %.4f on the same holdout (tolerance %.4f)", rmse,
                    championRmse, policy.rmseTolerance());
            (rmse <= championRmse + policy.rmseTolerance() ? passed : failed).add(text);
        }
        Double ndcg = challenger.get(NDCG);
        Double championNdcg = champion.get(NDCG);
        if (finite(ndcg) && finite(championNdcg)) {
            String text = format("NDCG@k %.4f vs champion %.4f on the same holdout (tolerance %.0f %%)", ndcg,
                    championNdcg, policy.rankingTolerance() * 100);
            (ndcg >= championNdcg * (1 - policy.rankingTolerance()) ? passed : failed).add(text);
        }
        if (!(finite(rmse) && finite(championRmse)) && !(finite(ndcg) && finite(championNdcg))) {
            passed.add("champion could not be scored on this holdout; compared on the other checks only");
        }
    }

    private static boolean finite(Double value) {
        return value != null && Double.isFinite(value);
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
