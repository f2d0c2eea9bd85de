package lens.trainer.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UserItemsTest {

    @Test
    void givenUnorderedPairsWithDuplicates_whenGrouping_thenEachUserHoldsDistinctSortedItems() {
        UserItems table = UserItems.of(new int[] {2, 0, 2, 2, 0}, new int[] {7, 3, 1, 7, 3});

        assertThat(table.itemsOf(0)).containsExactly(3);
        assertThat(table.itemsOf(2)).containsExactly(1, 7);
        assertThat(table.has(1)).isFalse();
        assertThat(table.itemsOf(1)).isEmpty();
        assertThat(table.itemsOf(9)).isEmpty();
        assertThat(table.userBound()).isEqualTo(3);
        assertThat(table.pairs()).isEqualTo(3);
    }

    @Test
    void givenPositivesAndTraining_whenSubtracting_thenOnlyUnseenPositivesStayPerUser() {
        UserItems positives = UserItems.of(new int[] {0, 0, 1, 3}, new int[] {4, 5, 4, 2});
        UserItems train = UserItems.of(new int[] {0, 1}, new int[] {5, 4});

        UserItems relevant = positives.minus(train);

        assertThat(relevant.itemsOf(0)).containsExactly(4);
        assertThat(relevant.has(1)).isFalse();
        assertThat(relevant.itemsOf(3)).containsExactly(2);
    }

    @Test
    void givenPairs_whenAskingForPopularity_thenItCountsDistinctUsersPerItem() {
        // item 1: users 0 and 1 (user 0 twice); item 0: user 2; item 2: nobody
        PopularityTable popularity = UserItems.of(new int[] {0, 0, 1, 2}, new int[] {1, 1, 1, 0}).popularity(3);

        assertThat(popularity.ranking()).containsExactly(1, 0);
    }

    @Test
    void givenMismatchedOrNegativeInput_whenGrouping_thenItIsRejected() {
        assertThatThrownBy(() -> UserItems.of(new int[] {0}, new int[] {})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UserItems.of(new int[] {-1}, new int[] {0}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
