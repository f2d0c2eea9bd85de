package lens.trainer.eval;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Judges a ranker on held-out positives: every user with at least one positive they had not already seen in
 * training gets a top-k list that skips their training items; the popularity baseline gets the same users, the same
 * exclusions and the same k. Metrics of the ranker carry no prefix, the baseline's {@code baseline_}, plus
 * {@code ndcg_lift} (ranker NDCG@k over the baseline's).
 */
public final class HoldoutRanking {

    private HoldoutRanking() {
    }

    /**
     * @param recommender the ranker under judgement (its popularity fill-in included)
     * @param train       what each user interacted with in training
     * @param positives   each user's held-out positives
     */
    public static Map<String, Double> evaluate(Recommender recommender, UserItems train, UserItems positives,
                                               PopularityTable popularity, int catalogSize, int k) {
        UserItems relevant = positives.minus(train);
        int[] judged = IntStream.range(0, relevant.userBound()).filter(relevant::has).toArray();
        // the lists are independent: score them in parallel, then add them in user order
        Recommender.Recommendation[] lists = new Recommender.Recommendation[judged.length];
        IntStream.range(0, judged.length).parallel()
                .forEach(i -> lists[i] = recommender.recommend(judged[i], train.itemsOf(judged[i]), k));
        RankingEvaluation model = new RankingEvaluation(k, catalogSize, popularity);
        RankingEvaluation baseline = new RankingEvaluation(k, catalogSize, popularity);
        for (int i = 0; i < judged.length; i++) {
            Set<Integer> relevantItems = new HashSet<>();
            for (int item : relevant.itemsOf(judged[i])) {
                relevantItems.add(item);
            }
            model.add(lists[i].items(), relevantItems);
            baseline.add(popularity.topExcluding(k, train.itemsOf(judged[i])), relevantItems);
        }
        Map<String, Double> metrics = new LinkedHashMap<>(model.asMetrics(""));
        metrics.putAll(baseline.asMetrics("baseline_"));
        if (model.usersJudged() > 0 && baseline.ndcg() > 0) {
            metrics.put("ndcg_lift", model.ndcg() / baseline.ndcg());
        }
        return metrics;
    }
}
