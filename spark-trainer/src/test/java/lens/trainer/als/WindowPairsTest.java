package lens.trainer.als;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WindowPairsTest {

    private static final long NONE = WindowPairs.NOT_RATED;

    // user 1 rated movies 10 (t=100) and 11 (t=300); user 2 only viewed 10; user 3 rated 12 (t=200) and 10 (t=400)
    private final WindowPairs window = new WindowPairs(new long[] {1, 1, 2, 3, 3}, new long[] {10, 11, 10, 12, 10},
            new long[] {2, 1, 5, 1, 3}, new long[] {100, 300, NONE, 200, 400});

    @Test
    void givenPairs_whenCounting_thenRatingsAreRatedPairsAndInteractionsAddUp() {
        assertThat(window.pairs()).isEqualTo(5);
        assertThat(window.interactionCount()).isEqualTo(12);
        assertThat(window.ratingCount()).isEqualTo(4);
        assertThat(window.ratingUsers()).isEqualTo(2);     // users 1 and 3; user 2 never rated
        assertThat(window.ratingMovies()).isEqualTo(3);    // 10, 11, 12
    }

    @Test
    void givenRatingTimes_whenCuttingTheHoldout_thenTheCutoffIsTheExactQuantileOfRatingTimes() {
        // sorted times 100, 200, 300, 400; the (1 - fraction) quantile is the time at rank ceil((1 - f) * 4)
        assertThat(window.timeCutoff(0.5, 999)).isEqualTo(200);    // rank 2: 100 trains, 200..400 are held out
        assertThat(window.timeCutoff(0.25, 999)).isEqualTo(300);   // rank 3
        assertThat(window.timeCutoff(0.99, 999)).isEqualTo(100);   // rank 1: everything is held out
    }

    @Test
    void givenNoRatings_whenCuttingTheHoldout_thenTheWindowEndIsTheCutoff() {
        WindowPairs viewsOnly = new WindowPairs(new long[] {1}, new long[] {2}, new long[] {4}, new long[] {NONE});

        assertThat(viewsOnly.timeCutoff(0.2, 999)).isEqualTo(999);
        assertThat(viewsOnly.ratingCount()).isZero();
    }
}
