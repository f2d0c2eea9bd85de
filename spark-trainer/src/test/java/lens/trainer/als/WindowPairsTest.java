package lens.trainer.als;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WindowPairsTest {

    private static final long NONE = WindowPairs.NONE;

    // pair 0: user 1 rated movie 10 at 100 (relevant); pair 1: user 1 rated 11 at 300 (not relevant), viewed it at 50;
    // pair 2: user 2 viewed 10 at 150 and bookmarked it at 350; pair 3: user 3 rated 12 at 200 (relevant);
    // pair 4: user 3 rated 10 at 400 (relevant), first seen at 400; the user-random flag holds pairs 1 and 2 out
    private final WindowPairs window = new WindowPairs(
            new long[] {1, 1, 2, 3, 3},
            new long[] {10, 11, 10, 12, 10},
            new long[] {1, 2, 2, 1, 1},
            new long[] {100, 300, NONE, 200, 400},
            new long[] {100, 50, 150, 200, 400},
            new long[] {NONE, NONE, 350, NONE, NONE},
            new long[] {1, 0, 0, 1, 1},
            new long[] {0, 1, 1, 0, 0});

    @Test
    void givenPairs_whenCounting_thenRatingsAreRatedPairsAndInteractionsAddUp() {
        assertThat(window.pairs()).isEqualTo(5);
        assertThat(window.interactionCount()).isEqualTo(7);
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
    void givenATimeCutoff_whenSplitting_thenEachPairFallsWhereItsEventsDo() {
        WindowPairs.Split sides = window.split(true, 250);

        // training saw pairs with any event before 250: 0, 1 (the view at 50), 2 (the view at 150), 3
        assertThat(sides.count(sides::seenInTraining)).isEqualTo(4);
        assertThat(sides.seenInTraining(4)).isFalse();
        // ratings: 100 and 200 train; 300 and 400 are held out
        assertThat(sides.count(sides::trainRating)).isEqualTo(2);
        assertThat(sides.count(sides::holdoutRating)).isEqualTo(2);
        // positives: pair 4's relevant held-out rating and pair 2's held-out bookmark; pair 1's rating is not relevant
        assertThat(sides.positive(4)).isTrue();
        assertThat(sides.positive(2)).isTrue();
        assertThat(sides.positive(1)).isFalse();
        assertThat(sides.positive(0)).isFalse();
        // training ratings per user: user 1 one, user 3 one: no co-rating pair
        assertThat(sides.coRatingPairs()).isZero();
    }

    @Test
    void givenTheUserRandomFlag_whenSplitting_thenHeldPairsAreHeldOutWhole() {
        WindowPairs.Split sides = window.split(false, 999);

        assertThat(sides.seenInTraining(1)).isFalse();
        assertThat(sides.count(sides::seenInTraining)).isEqualTo(3);
        assertThat(sides.count(sides::trainRating)).isEqualTo(3);     // pairs 0, 3, 4
        assertThat(sides.holdoutRating(1)).isTrue();
        assertThat(sides.positive(2)).isTrue();                       // held and bookmarked
        assertThat(sides.positive(1)).isFalse();                      // held, rated, not relevant
        assertThat(sides.positive(4)).isFalse();                      // relevant but not held
        // user 3 has two training ratings: one co-rating pair
        assertThat(sides.coRatingPairs()).isEqualTo(1);
    }

    @Test
    void givenNoRatings_whenCuttingTheHoldout_thenTheWindowEndIsTheCutoff() {
        WindowPairs viewsOnly = new WindowPairs(new long[] {1}, new long[] {2}, new long[] {4}, new long[] {NONE},
                new long[] {5}, new long[] {NONE}, new long[] {0}, new long[] {0});

        assertThat(viewsOnly.timeCutoff(0.2, 999)).isEqualTo(999);
        assertThat(viewsOnly.ratingCount()).isZero();
    }
}
