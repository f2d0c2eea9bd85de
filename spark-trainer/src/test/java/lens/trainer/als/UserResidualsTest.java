package lens.trainer.als;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UserResidualsTest {

    @Test
    void givenRatingsInAnyOrder_whenIndexed_thenEachUsersMoviesAreFoundWithTheirResiduals() {
        UserResiduals residuals = UserResiduals.of(new int[] {2, 0, 2, 0}, new int[] {7, 3, 1, 1},
                new double[] {0.7, 0.3, 0.1, -0.1});

        assertThat(residuals.users()).isEqualTo(3);
        assertThat(residuals.ratings()).isEqualTo(4);
        assertThat(residuals.residualAt(residuals.find(2, 7))).isEqualTo(0.7);
        assertThat(residuals.residualAt(residuals.find(2, 1))).isEqualTo(0.1);
        assertThat(residuals.residualAt(residuals.find(0, 1))).isEqualTo(-0.1);
        // user 2's movies in ascending order
        assertThat(residuals.itemAt(residuals.from(2))).isEqualTo(1);
        assertThat(residuals.itemAt(residuals.from(2) + 1)).isEqualTo(7);
        // user 1 rated nothing; user 3 and -1 do not exist
        assertThat(residuals.find(1, 1)).isEqualTo(-1);
        assertThat(residuals.find(0, 7)).isEqualTo(-1);
        assertThat(residuals.find(3, 1)).isEqualTo(-1);
        assertThat(residuals.find(-1, 1)).isEqualTo(-1);
    }

    @Test
    void givenAUserRatingAMovieTwice_whenIndexed_thenItIsRefused() {
        assertThatThrownBy(() -> UserResiduals.of(new int[] {0, 0}, new int[] {4, 4}, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
    }

    @Test
    void givenNegativeIndexesOrUnequalColumns_whenIndexed_thenTheyAreRefused() {
        assertThatThrownBy(() -> UserResiduals.of(new int[] {-1}, new int[] {0}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UserResiduals.of(new int[] {0}, new int[] {0, 1}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
