package lens.trainer.eval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopNTest {

    // rank 2; user (1, 0) scores each item by its first factor: 10 -> 0.5, 11 -> 2, 12 -> 1, 13 -> 2
    private static final float[] USER = {1, 0};
    private static final float[] ITEMS = {0.5f, 0, 2, 0, 1, 5, 2, 9};
    private static final int[] IDS = {10, 11, 12, 13};

    @Test
    void givenFactors_whenSelecting_thenBestFirstAndTiesGoToTheLowerItem() {
        TopN.Ranked ranked = TopN.select(USER, ITEMS, IDS, new int[0], 4);
        assertThat(ranked.items()).containsExactly(11, 13, 12, 10);
        assertThat(ranked.scores()).containsExactly(2f, 2f, 1f, 0.5f);
    }

    @Test
    void givenSeenItemsAndASmallN_whenSelecting_thenSeenItemsAreSkippedAndTheListIsCut() {
        assertThat(TopN.select(USER, ITEMS, IDS, new int[] {13}, 2).items()).containsExactly(11, 12);
        assertThat(TopN.select(USER, ITEMS, IDS, new int[] {10, 11, 12, 13}, 2).items()).isEmpty();
    }

    @Test
    void givenManyItems_whenSelecting_thenTheHeapAgreesWithAFullSort() {
        java.util.Random random = new java.util.Random(3);
        int items = 500;
        float[] factors = new float[items * 3];
        int[] ids = new int[items];
        for (int i = 0; i < items; i++) {
            ids[i] = i;
            for (int f = 0; f < 3; f++) {
                factors[i * 3 + f] = (float) random.nextGaussian();
            }
        }
        float[] user = {0.3f, -1.2f, 0.7f};
        int[] expected = java.util.stream.IntStream.range(0, items).boxed()
                .sorted((a, b) -> Float.compare(dot(user, factors, b), dot(user, factors, a)))
                .limit(25).mapToInt(Integer::intValue).toArray();
        assertThat(TopN.select(user, factors, ids, new int[0], 25).items()).containsExactly(expected);
    }

    private static float dot(float[] user, float[] factors, int item) {
        float score = 0;
        for (int f = 0; f < user.length; f++) {
            score += user[f] * factors[item * user.length + f];
        }
        return score;
    }
}
