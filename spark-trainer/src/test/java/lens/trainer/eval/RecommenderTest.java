package lens.trainer.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RecommenderTest {

    // rank 1: user 0 likes high item factors, user 2 low ones; user 1 has no factors
    private final Factors users = new Factors(1, new int[] {0, 2}, new float[] {1f, -1f});
    private final Factors items = new Factors(1, new int[] {0, 1, 2, 3}, new float[] {0.1f, 0.4f, 0.3f, 0.2f});
    // popularity: item 3, then 0, then 1; item 2 never seen
    private final PopularityTable popularity = new PopularityTable(new long[] {5, 2, 0, 9});
    private final Recommender recommender = new Recommender(users, items, popularity);

    @Test
    void givenAUserWithFactors_whenRecommending_thenBestDotProductsComeFirstSkippingSeenItems() {
        Recommender.Recommendation list = recommender.recommend(0, new int[] {1}, 2);

        assertThat(list.items()).containsExactly(2, 3);
        assertThat(list.scores()).containsExactly(0.3f, 0.2f);
        assertThat(list.source()).isEqualTo(Recommender.Source.MODEL);
    }

    @Test
    void givenAUserWithoutFactors_whenRecommending_thenThePopularUnseenItemsStandIn() {
        Recommender.Recommendation list = recommender.recommend(1, new int[] {3}, 2);

        assertThat(list.items()).containsExactly(0, 1);
        assertThat(list.scores()).containsOnly(Float.NaN);
        assertThat(list.source()).isEqualTo(Recommender.Source.POPULARITY);
    }

    @Test
    void givenAModelThatRunsShort_whenRecommending_thenPopularItemsFillTheListWithoutRepeats() {
        Factors fewItems = new Factors(1, new int[] {2}, new float[] {0.3f});
        Recommender shortModel = new Recommender(users, fewItems, popularity);

        Recommender.Recommendation list = shortModel.recommend(0, new int[] {0}, 3);

        assertThat(list.items()).containsExactly(2, 3, 1);
        assertThat(list.source()).isEqualTo(Recommender.Source.MIXED);
    }

    @Test
    void givenFactorsOfDifferentRanks_whenBuilding_thenItIsRejected() {
        Factors rank2 = new Factors(2, new int[] {0}, new float[] {1f, 1f});
        assertThatThrownBy(() -> new Recommender(users, rank2, popularity))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Factors(2, new int[] {0, 1}, new float[] {1f}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Factors(1, new int[] {1, 0}, new float[] {1f, 1f}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
