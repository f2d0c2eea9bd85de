package lens.trainer.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Set;
import org.junit.jupiter.api.Test;

class RankingEvaluationTest {

    // item 0 most popular, 1 never seen, 2 and 3 tied
    private final PopularityTable popularity = new PopularityTable(new long[] {10, 0, 5, 5});

    @Test
    void givenCounts_whenBuildingThePopularityTable_thenRankingSkipsUnseenItemsAndTiesShareAPercentile() {
        assertThat(popularity.ranking()).containsExactly(0, 2, 3);
        assertThat(popularity.percentile(0)).isEqualTo(1.0);
        assertThat(popularity.percentile(1)).isEqualTo(0.0);
        assertThat(popularity.percentile(2)).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(popularity.percentile(3)).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(popularity.topExcluding(2, new int[] {0})).containsExactly(2, 3);
        assertThat(popularity.topExcluding(5, new int[] {})).containsExactly(0, 2, 3);
    }

    @Test
    void givenTwoJudgedUsersAndOneUnjudged_whenEvaluating_thenMeansCoverageAndBiasMatchTheHandComputation() {
        RankingEvaluation evaluation = new RankingEvaluation(2, 4, popularity);
        evaluation.add(new int[] {0, 2}, Set.of(2));     // hit at rank 2: P 1/2, R 1, NDCG 1/log2(3), AP 1/2
        evaluation.add(new int[] {3, 0}, Set.of(3, 1));  // hit at rank 1: P 1/2, R 1/2, NDCG 1/(1+1/log2 3), AP 1/2
        evaluation.add(new int[] {0, 3}, Set.of());      // not judged, but its list counts for coverage and bias

        assertThat(evaluation.usersJudged()).isEqualTo(2);
        assertThat(evaluation.precision()).isCloseTo(0.5, within(1e-12));
        assertThat(evaluation.recall()).isCloseTo(0.75, within(1e-12));
        assertThat(evaluation.ndcg()).isCloseTo((0.630930 + 1 / 1.630930) / 2, within(1e-6));
        assertThat(evaluation.map()).isCloseTo(0.5, within(1e-12));
        assertThat(evaluation.coverage()).isCloseTo(3 / 4.0, within(1e-12));   // items 0, 2, 3 of 4
        // percentiles of the six listed items: 1, 1/3, 1/3, 1, 1, 1/3
        assertThat(evaluation.popularityBias()).isCloseTo((3 + 1) / 6.0, within(1e-12));
        assertThat(evaluation.asMetrics("x_")).containsKeys("x_ndcg_at_k", "x_coverage", "x_popularity_bias");
    }

    @Test
    void givenNoJudgedUser_whenEvaluating_thenRankingMetricsAreUndefined() {
        RankingEvaluation evaluation = new RankingEvaluation(2, 4, popularity);
        evaluation.add(new int[] {0}, Set.of());
        assertThat(evaluation.ndcg()).isNaN();
        assertThat(evaluation.coverage()).isEqualTo(0.25);
    }
}
