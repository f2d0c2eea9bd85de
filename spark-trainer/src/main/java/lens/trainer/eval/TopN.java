package lens.trainer.eval;

import java.util.Arrays;

/**
 * The {@code n} best-scoring items for one user by dot product of latent factors, skipping items the user has
 * already seen. Item factors are one flat array ({@code rank} floats per item, in {@code itemIds} order).
 */
public final class TopN {

    private TopN() {
    }

    /** A list, best first. */
    public record Ranked(int[] items, float[] scores) {
    }

    public static Ranked select(float[] user, float[] itemFactors, int[] itemIds, int[] seenSorted, int n) {
        int rank = user.length;
        if (itemFactors.length != itemIds.length * rank) {
            throw new IllegalArgumentException("item factors do not match " + itemIds.length + " items of rank " + rank);
        }
        // min-heap of the best n so far: heap[0] is the weakest of them
        int[] heapItems = new int[n];
        float[] heapScores = new float[n];
        int size = 0;
        for (int i = 0; i < itemIds.length; i++) {
            int item = itemIds[i];
            if (seenSorted.length > 0 && Arrays.binarySearch(seenSorted, item) >= 0) {
                continue;
            }
            float score = 0;
            int offset = i * rank;
            for (int f = 0; f < rank; f++) {
                score += user[f] * itemFactors[offset + f];
            }
            if (size < n) {
                heapItems[size] = item;
                heapScores[size] = score;
                siftUp(heapItems, heapScores, size++);
            } else if (n > 0 && better(score, item, heapScores[0], heapItems[0])) {
                heapItems[0] = item;
                heapScores[0] = score;
                siftDown(heapItems, heapScores, size);
            }
        }
        int[] items = new int[size];
        float[] scores = new float[size];
        for (int i = size - 1; i >= 0; i--) {
            items[i] = heapItems[0];
            scores[i] = heapScores[0];
            heapItems[0] = heapItems[i];
            heapScores[0] = heapScores[i];
            siftDown(heapItems, heapScores, i);
        }
        return new Ranked(items, scores);
    }

    /** Higher score wins; equal scores: the lower item index wins, so lists are deterministic. */
    private static boolean better(float score, int item, float otherScore, int otherItem) {
        return score > otherScore || (score == otherScore && item < otherItem);
    }

    private static void siftUp(int[] items, float[] scores, int i) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (better(scores[parent], items[parent], scores[i], items[i])) {
                swap(items, scores, i, parent);
                i = parent;
            } else {
                return;
            }
        }
    }

    private static void siftDown(int[] items, float[] scores, int size) {
        int i = 0;
        while (true) {
            int left = 2 * i + 1;
            int right = left + 1;
            int weakest = i;
            if (left < size && better(scores[weakest], items[weakest], scores[left], items[left])) {
                weakest = left;
            }
            if (right < size && better(scores[weakest], items[weakest], scores[right], items[right])) {
                weakest = right;
            }
            if (weakest == i) {
                return;
            }
            swap(items, scores, i, weakest);
            i = weakest;
        }
    }

    private static void swap(int[] items, float[] scores, int a, int b) {
        int item = items[a];
        items[a] = items[b];
        items[b] = item;
        float score = scores[a];
        scores[a] = scores[b];
        scores[b] = score;
    }
}
