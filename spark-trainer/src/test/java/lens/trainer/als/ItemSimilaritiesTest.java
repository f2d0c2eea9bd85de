package lens.trainer.als;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ItemSimilaritiesTest {

    /**
     * Residuals of three users: movie 0 = (1, -1, 2), movie 1 = (2, -1, 1), movie 2 = (-1, 1, unrated).
     * Movies 0 and 1: products 5, squares 6 and 6, three common users: correlation 5/6. Movie 2 correlates
     * negatively with both (-1 and -3/sqrt(10)), so it has no neighbour.
     */
    private static UserResiduals threeUsers() {
        return UserResiduals.of(new int[] {0, 0, 0, 1, 1, 1, 2, 2}, new int[] {0, 1, 2, 0, 1, 2, 0, 1},
                new double[] {1, 2, -1, -1, -1, 1, 2, 1});
    }

    @Test
    void givenThreeUsers_whenComputed_thenOnlyThePositiveCorrelationIsKeptBothWays() {
        ItemSimilarities similarities = ItemSimilarities.compute(threeUsers(), 0, 0);

        assertThat(similarities.items()).isEqualTo(3);
        assertThat(similarities.neighbourCount(0)).isEqualTo(1);
        assertThat(similarities.neighbour(0, 0)).isEqualTo(1);
        assertThat(similarities.similarity(0, 0)).isCloseTo(5 / 6.0, within(1e-12));
        assertThat(similarities.neighbour(1, 0)).isZero();
        assertThat(similarities.similarity(1, 0)).isCloseTo(5 / 6.0, within(1e-12));
        assertThat(similarities.neighbourCount(2)).isZero();
    }

    @Test
    void givenShrinkage_whenComputed_thenTheCorrelationIsShrunkByItsSupport() {
        // three common users: support 2, factor 2 / (2 + 2)
        ItemSimilarities similarities = ItemSimilarities.compute(threeUsers(), 2, 0);

        assertThat(similarities.similarity(0, 0)).isCloseTo(5 / 12.0, within(1e-12));
    }

    /**
     * Movie 0 = (1, -1, 1), movie 1 = (1, -1, 2), movie 2 = (2, -1, 1): movie 0 is as similar to 1 as to 2
     * (4/sqrt(18)), movies 1 and 2 are 5/6 similar.
     */
    @Test
    void givenTiedNeighboursAndOnePerMovie_whenComputed_thenTheStrongestLowestIndexedOneIsKept() {
        UserResiduals residuals = UserResiduals.of(new int[] {0, 0, 0, 1, 1, 1, 2, 2, 2},
                new int[] {0, 1, 2, 0, 1, 2, 0, 1, 2}, new double[] {1, 1, 2, -1, -1, -1, 1, 2, 1});

        ItemSimilarities all = ItemSimilarities.compute(residuals, 0, 0);
        ItemSimilarities one = ItemSimilarities.compute(residuals, 0, 1);

        assertThat(all.neighbourCount(0)).isEqualTo(2);
        assertThat(all.similarity(0, 0)).isCloseTo(4 / Math.sqrt(18), within(1e-12));
        assertThat(all.similarity(0, 1)).isCloseTo(4 / Math.sqrt(18), within(1e-12));
        assertThat(all.neighbour(2, 0)).isZero();
        assertThat(all.neighbour(2, 1)).isEqualTo(1);
        assertThat(all.similarity(2, 1)).isCloseTo(5 / 6.0, within(1e-12));
        assertThat(one.neighbourCount(0)).isEqualTo(1);
        assertThat(one.neighbour(0, 0)).isEqualTo(1);
        assertThat(one.neighbour(2, 0)).isZero();
    }

    /** Movie 0's neighbours: 1 (0.9), 2 (0.5) and 3 (0.5); the user rated 1 with +1, 2 with +2 and 3 with -1. */
    @Test
    void givenNeighboursTheUserRated_whenPredicted_thenTheKStrongestAreAveragedBySimilarity() {
        ItemSimilarities similarities = ItemSimilarities.fromRows(new int[] {0, 0, 0}, new int[] {3, 1, 2},
                new double[] {0.5, 0.9, 0.5});
        UserResiduals residuals = UserResiduals.of(new int[] {0, 0, 0, 1}, new int[] {3, 1, 2, 4},
                new double[] {-1, 1, 2, 3});

        assertThat(similarities.predict(residuals, 0, 0, 40)).isCloseTo((0.9 + 1.0 - 0.5) / 1.9, within(1e-12));
        // k = 2: 1, then 2 before 3 (same similarity, lower index)
        assertThat(similarities.predict(residuals, 0, 0, 2)).isCloseTo((0.9 + 1.0) / 1.4, within(1e-12));
        // user 1 rated no neighbour of movie 0; movie 4 has no row; users 2 and -1 are unknown
        assertThat(similarities.predict(residuals, 1, 0, 40)).isZero();
        assertThat(similarities.predict(residuals, 0, 4, 40)).isZero();
        assertThat(similarities.predict(residuals, 2, 0, 40)).isZero();
        assertThat(similarities.predict(residuals, -1, 0, 40)).isZero();
    }

    @Test
    void givenRandomRatings_whenComputed_thenEverySimilarityEqualsTheDirectSumOverCommonRaters() {
        Random random = new Random(7);
        int users = 60;
        int movies = 25;
        double[][] residual = new double[users][movies];
        List<int[]> rated = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            for (int m = 0; m < movies; m++) {
                residual[u][m] = Double.NaN;
                if (random.nextDouble() < 0.3) {
                    residual[u][m] = random.nextGaussian();
                    rated.add(new int[] {u, m});
                }
            }
        }
        int[] userOf = rated.stream().mapToInt(r -> r[0]).toArray();
        int[] movieOf = rated.stream().mapToInt(r -> r[1]).toArray();
        double[] values = rated.stream().mapToDouble(r -> residual[r[0]][r[1]]).toArray();

        ItemSimilarities similarities = ItemSimilarities.compute(UserResiduals.of(userOf, movieOf, values), 10, 5);

        for (int i = 0; i < movies; i++) {
            List<double[]> expected = new ArrayList<>();
            for (int j = 0; j < movies; j++) {
                double sij = 0;
                double sii = 0;
                double sjj = 0;
                int n = 0;
                for (int u = 0; u < users; u++) {
                    if (i != j && !Double.isNaN(residual[u][i]) && !Double.isNaN(residual[u][j])) {
                        sij += residual[u][i] * residual[u][j];
                        sii += residual[u][i] * residual[u][i];
                        sjj += residual[u][j] * residual[u][j];
                        n++;
                    }
                }
                double similarity = ShrunkSimilarity.of(sij, sii, sjj, n, 10);
                if (similarity > 0) {
                    expected.add(new double[] {j, similarity});
                }
            }
            expected.sort(Comparator.<double[]>comparingDouble(e -> -e[1]).thenComparingDouble(e -> e[0]));
            int kept = Math.min(5, expected.size());
            assertThat(similarities.neighbourCount(i)).as("movie %d", i).isEqualTo(kept);
            for (int n = 0; n < kept; n++) {
                assertThat(similarities.neighbour(i, n)).isEqualTo((int) expected.get(n)[0]);
                assertThat(similarities.similarity(i, n)).isCloseTo(expected.get(n)[1], within(1e-12));
            }
        }
    }

    @Test
    void givenANegativeLimit_whenComputed_thenItIsRefused() {
        assertThatThrownBy(() -> ItemSimilarities.compute(threeUsers(), 0, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
