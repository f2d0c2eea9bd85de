package lens.trainer.eval;

import java.util.Arrays;

/**
 * How popular each item is (e.g. distinct users who interacted with it in training), its popularity percentile,
 * and the items from most to least popular: the baseline ranker and the fallback for users without factors.
 */
public final class PopularityTable implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    private final double[] percentile;
    private final int[] ranking;

    /** @param counts popularity per item index (index = item); items with count 0 never get recommended. */
    public PopularityTable(long[] counts) {
        Integer[] order = new Integer[counts.length];
        for (int i = 0; i < counts.length; i++) {
            order[i] = i;
        }
        // most popular first; ties by the lower index so the ranking is deterministic
        Arrays.sort(order, (a, b) -> counts[a] != counts[b] ? Long.compare(counts[b], counts[a]) : Integer.compare(a, b));
        this.ranking = Arrays.stream(order).mapToInt(Integer::intValue).filter(i -> counts[i] > 0).toArray();
        this.percentile = new double[counts.length];
        // percentile = share of items strictly less popular, ties share the same value
        long[] sorted = counts.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < counts.length; i++) {
            int below = lowerBound(sorted, counts[i]);
            percentile[i] = counts.length == 1 ? 1.0 : below / (double) (counts.length - 1);
        }
    }

    public double percentile(int item) {
        return item >= 0 && item < percentile.length ? percentile[item] : 0.0;
    }

    /** Items with any popularity, most popular first. */
    public int[] ranking() {
        return ranking.clone();
    }

    /** The {@code n} most popular items the user has not seen ({@code seen} sorted ascending). */
    public int[] topExcluding(int n, int[] seenSorted) {
        int[] top = new int[n];
        int size = 0;
        for (int i = 0; i < ranking.length && size < n; i++) {
            if (Arrays.binarySearch(seenSorted, ranking[i]) < 0) {
                top[size++] = ranking[i];
            }
        }
        return Arrays.copyOf(top, size);
    }

    private static int lowerBound(long[] sorted, long value) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
