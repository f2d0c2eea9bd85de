package lens.trainer.als;


import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lens.trainer.eval.PopularityTable;
import lens.trainer.eval.RegressionMetrics;
import lens.trainer.eval.UserItems;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Tuning mode: a small grid (ranks x regParams for the rating model, ranks x regParams x alphas for the ranking
 * model) judged on a validation split cut from the training side exactly like the holdout is cut from the window,
 * so the holdout stays unseen. The chosen values and every trial go into the model's record.
 */
final class Tuner {

    record Outcome(ExplicitParams explicit, ImplicitParams implicit, List<Map<String, Object>> trials) {
    }

    private Tuner() {
    }

    static Outcome tune(HoldoutSplit outer, AlsSettings settings, int catalogSize) {
        HoldoutSplit validation = HoldoutSplit.of(outer.trainRatings(), outer.trainInteractions(),
                settings.forValidation(), outer.trainedUntil());
        Dataset<Row> fitRatings = validation.trainRatings().cache();
        Dataset<Row> fitInteractions = validation.trainInteractions().cache();
        List<Map<String, Object>> trials = new ArrayList<>();

        ExplicitParams bestExplicit = settings.explicit();
        double bestRmse = Double.POSITIVE_INFINITY;
        for (double rank : settings.tuneRanks()) {
            for (double reg : settings.tuneRegParams()) {
                ExplicitParams candidate = settings.explicit().withRankAndReg((int) rank, reg);
                RegressionMetrics metrics = AlsRetrainJob.evaluate(
                        ExplicitModel.fit(fitRatings, candidate).predict(validation.holdoutRatings()));
                trials.add(trial("explicit", (int) rank, reg, null, "rmse", metrics.rmse()));
                if (metrics.count() > 0 && metrics.rmse() < bestRmse) {
                    bestRmse = metrics.rmse();
                    bestExplicit = candidate;
                }
            }
        }

        ImplicitParams bestImplicit = settings.implicit();
        double bestNdcg = Double.NEGATIVE_INFINITY;
        UserItems fitSeen = RankingEvaluator.userItems(fitInteractions);
        PopularityTable popularity = fitSeen.popularity(catalogSize);
        UserItems positives = RankingEvaluator.userItems(AlsRetrainJob.positives(validation,
                settings.relevantRating()));
        for (double rank : settings.tuneRanks()) {
            for (double reg : settings.tuneRegParams()) {
                for (double alpha : settings.tuneAlphas()) {
                    ImplicitParams candidate = settings.implicit().withRankRegAlpha((int) rank, reg, alpha);
                    ALSModel model = ImplicitModel.fit(
                            ImplicitModel.confidences(fitInteractions, candidate, validation.trainedUntil()),
                            candidate);
                    double ndcg = RankingEvaluator.evaluate(model, fitSeen, positives, popularity, catalogSize,
                            settings.k()).get("ndcg_at_k");
                    trials.add(trial("implicit", (int) rank, reg, alpha, "ndcg_at_k", ndcg));
                    if (Double.isFinite(ndcg) && ndcg > bestNdcg) {
                        bestNdcg = ndcg;
                        bestImplicit = candidate;
                    }
                }
            }
        }
        fitRatings.unpersist();
        fitInteractions.unpersist();
        // a tuned run also fits its blend weights instead of taking the configured ones
        return new Outcome(bestExplicit.neighbours() > 0 ? bestExplicit.withFittedBlend() : bestExplicit,
                bestImplicit, trials);
    }

    private static Map<String, Object> trial(String model, int rank, double reg, Double alpha, String metric,
                                             double value) {
        Map<String, Object> trial = new LinkedHashMap<>();
        trial.put("model", model);
        trial.put("rank", rank);
        trial.put("regParam", reg);
        if (alpha != null) {
            trial.put("alpha", alpha);
        }
        trial.put(metric, Double.isFinite(value) ? value : null);
        return trial;
    }

}
