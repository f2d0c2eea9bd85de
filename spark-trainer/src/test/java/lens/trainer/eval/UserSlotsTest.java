package lens.trainer.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UserSlotsTest {

    @Test
    void givenRowsOfUsers0And2_whenLayingOutSlots_thenUser1HasAnEmptyRangeBetweenThem() {
        int[] offsets = UserSlots.offsets(new int[] {2, 0, 2}, new int[] {5, 6, 7});

        // user 0: slot 0; user 1: none; user 2: slots 1 and 2
        assertThat(offsets).containsExactly(0, 1, 1, 3);
    }

    @Test
    void givenNoRows_whenLayingOutSlots_thenThereIsOnlyTheEnd() {
        assertThat(UserSlots.offsets(new int[0], new int[0])).containsExactly(0);
    }

    @Test
    void givenBadInput_whenLayingOutSlots_thenItIsRejectedWithTheRow() {
        assertThatThrownBy(() -> UserSlots.offsets(new int[] {0, 1}, new int[] {0}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UserSlots.offsets(new int[] {0, 1}, new int[] {0, -3}))
                .hasMessageContaining("row 1");
    }
}
