package lens.trainer.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HoldoutRankingTest {

    // popularity in training: item 0 (3 users), item 1 (2), item 2 (1), item 3 (0)
    private final UserItems train = UserItems.of(new int[] {0, 1, 1, 2, 2, 2}, new int[] {0, 0, 1, 0, 1, 2});
    private final PopularityTable popularity = train.popularity(4);

    @Test
    void givenAModelAndPopularity_whenJudging_thenBothAreScoredOnTheSameUsersAsComputedByHand() {
        // rank 1 factors: every user prefers item 3, then 2, then 1, then 0
        Factors users = new Factors(1, new int[] {0, 1, 2}, new float[] {1f, 1f, 1f});
        Factors items = new Factors(1, new int[] {0, 1, 2, 3}, new float[] {0.1f, 0.2f, 0.3f, 0.4f});
        // user 0 holds out item 3; user 1 item 2 and item 0 (already seen in training: not counted); user 2 none
        UserItems positives = UserItems.of(new int[] {0, 1, 1}, new int[] {3, 2, 0});

        Map<String, Double> metrics = HoldoutRanking.evaluate(new Recommender(users, items, popularity), train,
                positives, popularity, 4, 1);

        // k=1: the model lists 3 for user 0 and 3 for user 1 (hit, miss); popularity lists 1 and 2 (miss, hit)
        assertThat(metrics.get("users_judged")).isEqualTo(2.0);
        assertThat(metrics.get("precision_at_k")).isCloseTo(0.5, within(1e-12));
        assertThat(metrics.get("baseline_precision_at_k")).isCloseTo(0.5, within(1e-12));
        assertThat(metrics.get("ndcg_lift")).isCloseTo(1.0, within(1e-12));
        assertThat(metrics.get("coverage")).isCloseTo(0.25, within(1e-12));
        assertThat(metrics.get("baseline_coverage")).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void givenPopularityAlone_whenJudging_thenModelAndBaselineAgree() {
        UserItems positives = UserItems.of(new int[] {0, 1}, new int[] {1, 3});

        Map<String, Double> metrics = HoldoutRanking.evaluate(new Recommender(null, null, popularity), train,
                positives, popularity, 4, 2);

        assertThat(metrics.get("ndcg_at_k")).isEqualTo(metrics.get("baseline_ndcg_at_k"));
        // user 0: list 1, 2 (hit at 1); user 1: list 2 only (item 3 has no popularity), miss
        assertThat(metrics.get("recall_at_k")).isCloseTo(0.5, within(1e-12));
        assertThat(metrics.get("ndcg_lift")).isCloseTo(1.0, within(1e-12));
    }
}
