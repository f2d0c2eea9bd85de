package lens.trainer.eval;

import java.util.Set;

/**
 * Ranking quality of one recommendation list against one user's held-out positives (binary relevance).
 * Conventions: the list is cut at k; precision divides by k (a short list is penalised, as a UI shows k slots);
 * recall and AP divide by min(k, |relevant|) and |relevant| respectively as below; NDCG uses log2(rank + 1) discounts.
 */
public final class RankingMetrics {

    private RankingMetrics() {
    }

    public static double precisionAtK(int[] recommended, Set<Integer> relevant, int k) {
        requireK(k);
        return hits(recommended, relevant, k) / (double) k;
    }

    /** Share of the relevant items found in the top k; NaN when nothing is relevant (the user is not judged). */
    public static double recallAtK(int[] recommended, Set<Integer> relevant, int k) {
        requireK(k);
        return relevant.isEmpty() ? Double.NaN : hits(recommended, relevant, k) / (double) relevant.size();
    }

    /** DCG of the top k over the DCG of an ideal list (all relevant items first). NaN without relevant items. */
    public static double ndcgAtK(int[] recommended, Set<Integer> relevant, int k) {
        requireK(k);
        if (relevant.isEmpty()) {
            return Double.NaN;
        }
        double dcg = 0;
        for (int i = 0; i < Math.min(k, recommended.length); i++) {
            if (relevant.contains(recommended[i])) {
                dcg += 1 / log2(i + 2);
            }
        }
        double ideal = 0;
        for (int i = 0; i < Math.min(k, relevant.size()); i++) {
            ideal += 1 / log2(i + 2);
        }
        return dcg / ideal;
    }

    /** Average precision at k: mean of precision@i over the ranks i of hits, divided by min(k, |relevant|). */
    public static double averagePrecisionAtK(int[] recommended, Set<Integer> relevant, int k) {
        requireK(k);
        if (relevant.isEmpty()) {
            return Double.NaN;
        }
        double sum = 0;
        int hits = 0;
        for (int i = 0; i < Math.min(k, recommended.length); i++) {
            if (relevant.contains(recommended[i])) {
                hits++;
                sum += hits / (double) (i + 1);
            }
        }
        return sum / Math.min(k, relevant.size());
    }

    static int hits(int[] recommended, Set<Integer> relevant, int k) {
        int hits = 0;
        for (int i = 0; i < Math.min(k, recommended.length); i++) {
            if (relevant.contains(recommended[i])) {
                hits++;
            }
        }
        return hits;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    private static void requireK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be positive, got " + k);
        }
    }
}
