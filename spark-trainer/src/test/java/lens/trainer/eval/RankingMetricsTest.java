package lens.trainer.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Known answers worked out by hand (log2(3) = 1.58496, log2(5) = 2.32193). */
class RankingMetricsTest {

    private static final int[] LIST = {5, 3, 9, 1};
    private static final Set<Integer> RELEVANT = Set.of(3, 1, 7);

    @Test
    void givenOneHitAtRankTwoOfThree_whenCutAtThree_thenPrecisionRecallNdcgAndApMatchTheHandComputation() {
        assertThat(RankingMetrics.precisionAtK(LIST, RELEVANT, 3)).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(RankingMetrics.recallAtK(LIST, RELEVANT, 3)).isCloseTo(1 / 3.0, within(1e-12));
        // DCG = 1/log2(3) = 0.630930; ideal = 1 + 0.630930 + 0.5 = 2.130930
        assertThat(RankingMetrics.ndcgAtK(LIST, RELEVANT, 3)).isCloseTo(0.630930 / 2.130930, within(1e-6));
        // one hit at rank 2: precision there 1/2, divided by min(3, 3)
        assertThat(RankingMetrics.averagePrecisionAtK(LIST, RELEVANT, 3)).isCloseTo(0.5 / 3, within(1e-12));
    }

    @Test
    void givenTwoHitsInFour_whenCutAtFour_thenTheSecondHitCountsWithItsDiscount() {
        assertThat(RankingMetrics.precisionAtK(LIST, RELEVANT, 4)).isEqualTo(0.5);
        assertThat(RankingMetrics.recallAtK(LIST, RELEVANT, 4)).isCloseTo(2 / 3.0, within(1e-12));
        // DCG = 1/log2(3) + 1/log2(5) = 0.630930 + 0.430677
        assertThat(RankingMetrics.ndcgAtK(LIST, RELEVANT, 4)).isCloseTo(1.061607 / 2.130930, within(1e-6));
        assertThat(RankingMetrics.averagePrecisionAtK(LIST, RELEVANT, 4)).isCloseTo((0.5 + 0.5) / 3, within(1e-12));
    }

    @Test
    void givenTheIdealOrder_whenEvaluated_thenNdcgAndApAreOne() {
        int[] ideal = {3, 1, 7, 4};
        assertThat(RankingMetrics.ndcgAtK(ideal, RELEVANT, 3)).isCloseTo(1.0, within(1e-12));
        assertThat(RankingMetrics.averagePrecisionAtK(ideal, RELEVANT, 3)).isCloseTo(1.0, within(1e-12));
        assertThat(RankingMetrics.ndcgAtK(ideal, Set.of(3), 10)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void givenAShortListOrNoRelevantItem_whenEvaluated_thenPrecisionCountsEmptySlotsAndOthersAreUndefined() {
        assertThat(RankingMetrics.precisionAtK(new int[] {3}, RELEVANT, 4)).isEqualTo(0.25);
        assertThat(RankingMetrics.recallAtK(LIST, Set.of(), 3)).isNaN();
        assertThat(RankingMetrics.ndcgAtK(LIST, Set.of(), 3)).isNaN();
        assertThat(RankingMetrics.averagePrecisionAtK(LIST, Set.of(), 3)).isNaN();
        assertThat(RankingMetrics.ndcgAtK(new int[0], RELEVANT, 3)).isZero();
    }

    @Test
    void givenErrors_whenComputingRegressionMetrics_thenRmseAndMaeMatchAndMerge() {
        RegressionMetrics a = RegressionMetrics.of(new double[] {3, 4}, new double[] {4, 4});
        RegressionMetrics b = RegressionMetrics.of(new double[] {1}, new double[] {3});
        RegressionMetrics all = a.plus(b);
        // errors -1, 0, -2: squared 5, absolute 3
        assertThat(all.rmse()).isCloseTo(Math.sqrt(5 / 3.0), within(1e-12));
        assertThat(all.mae()).isCloseTo(1.0, within(1e-12));
        assertThat(new RegressionMetrics(0, 0, 0).rmse()).isNaN();
    }
}
