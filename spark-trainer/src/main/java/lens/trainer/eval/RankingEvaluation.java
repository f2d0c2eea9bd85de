package lens.trainer.eval;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Means of the ranking metrics over the users judged (those with at least one held-out positive), plus catalog
 * coverage and popularity bias of the lists. Feed it one user at a time.
 */
public final class RankingEvaluation {

    private final int k;
    private final int catalogSize;
    private final PopularityTable popularity;
    private final java.util.BitSet recommendedItems = new java.util.BitSet();
    private long users;
    private long lists;
    private long listedItems;
    private double precision;
    private double recall;
    private double ndcg;
    private double averagePrecision;
    private double popularityPercentile;

    /**
     * @param k           cut-off
     * @param catalogSize items that could have been recommended (for coverage)
     * @param popularity  item popularity in the training data (for popularity bias)
     */
    public RankingEvaluation(int k, int catalogSize, PopularityTable popularity) {
        if (k < 1 || catalogSize < 1) {
            throw new IllegalArgumentException("k and catalogSize must be positive");
        }
        this.k = k;
        this.catalogSize = catalogSize;
        this.popularity = popularity;
    }

    /** Adds one user's list; users without relevant items count for coverage and bias only. */
    public void add(int[] recommended, Set<Integer> relevant) {
        lists++;
        for (int i = 0; i < Math.min(k, recommended.length); i++) {
            recommendedItems.set(recommended[i]);
            popularityPercentile += popularity.percentile(recommended[i]);
            listedItems++;
        }
        if (relevant.isEmpty()) {
            return;
        }
        users++;
        precision += RankingMetrics.precisionAtK(recommended, relevant, k);
        recall += RankingMetrics.recallAtK(recommended, relevant, k);
        ndcg += RankingMetrics.ndcgAtK(recommended, relevant, k);
        averagePrecision += RankingMetrics.averagePrecisionAtK(recommended, relevant, k);
    }

    public long usersJudged() {
        return users;
    }

    public double precision() {
        return users == 0 ? Double.NaN : precision / users;
    }

    public double recall() {
        return users == 0 ? Double.NaN : recall / users;
    }

    public double ndcg() {
        return users == 0 ? Double.NaN : ndcg / users;
    }

    public double map() {
        return users == 0 ? Double.NaN : averagePrecision / users;
    }

    /** Share of the catalog that appears in at least one list. */
    public double coverage() {
        return recommendedItems.cardinality() / (double) catalogSize;
    }

    /**
     * Mean popularity percentile of the recommended items (0: the least popular, 1: the most popular item); a
     * popularity ranker scores near 1, a recommender that digs into the long tail lower.
     */
    public double popularityBias() {
        return listedItems == 0 ? Double.NaN : popularityPercentile / listedItems;
    }

    /** Metrics under {@code <prefix>precision_at_k} etc. */
    public Map<String, Double> asMetrics(String prefix) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(prefix + "precision_at_k", precision());
        metrics.put(prefix + "recall_at_k", recall());
        metrics.put(prefix + "ndcg_at_k", ndcg());
        metrics.put(prefix + "map_at_k", map());
        metrics.put(prefix + "coverage", coverage());
        metrics.put(prefix + "popularity_bias", popularityBias());
        metrics.put(prefix + "users_judged", (double) users);
        return metrics;
    }
}
