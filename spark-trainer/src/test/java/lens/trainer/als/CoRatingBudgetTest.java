package lens.trainer.als;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import lens.events.EventHour;
import lens.trainer.job.JobRequest;
import lens.trainer.testing.TestSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CoRatingBudgetTest {

    private static SparkSession spark;
    /** user 1 rated 4 movies (6 pairs), user 2 rated 3 (3 pairs), user 3 rated 1 (none): 9 pairs. */
    private static Dataset<Row> ratings;

    @BeforeAll
    static void startSpark() {
        spark = TestSpark.start("co-rating-budget-test");
        StructType schema = new StructType().add(ExplicitModel.USER, DataTypes.IntegerType)
                .add(ExplicitModel.ITEM, DataTypes.IntegerType).add("rating", DataTypes.DoubleType);
        ratings = spark.createDataFrame(List.of(
                RowFactory.create(1, 10, 4.0), RowFactory.create(1, 11, 3.0), RowFactory.create(1, 12, 5.0),
                RowFactory.create(1, 13, 2.0), RowFactory.create(2, 10, 4.0), RowFactory.create(2, 11, 1.0),
                RowFactory.create(2, 14, 3.0), RowFactory.create(3, 10, 5.0)), schema);
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) {
            spark.stop();
        }
    }

    private static ExplicitParams params(String maxPairs) {
        return AlsSettings.from(new JobRequest("/lake", "/work", EventHour.parse("2026-11-29T08"),
                maxPairs == null ? Map.of() : Map.of("explicit.maxCoRatingPairs", maxPairs))).explicit();
    }

    @Test
    void givenRatings_thenTheSelfJoinSizeIsEachUsersUnorderedPairs() {
        assertThat(CoRatingBudget.pairs(ratings)).isEqualTo(9);
    }

    @Test
    void givenAWindowWithinTheBudget_thenTheNeighbourhoodIsKept() {
        CoRatingBudget.Decision decision = CoRatingBudget.apply(ratings, params("9"));

        assertThat(decision.pairs()).isEqualTo(9);
        assertThat(decision.skipped()).isEmpty();
        assertThat(decision.params().neighbours()).isEqualTo(40);
    }

    @Test
    void givenAWindowOverTheBudget_thenAlsAloneIsTrained_andTheSummarySaysWhy() {
        CoRatingBudget.Decision decision = CoRatingBudget.apply(ratings, params("8"));

        assertThat(decision.params().neighbours()).isZero();
        assertThat(decision.params().rank()).isEqualTo(params("8").rank());
        assertThat(decision.skipped()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("9 co-rating pairs").contains("explicit.maxCoRatingPairs=8"));
    }

    @Test
    void givenNoBudgetOrNoNeighbourhood_thenNothingIsCounted() {
        assertThat(CoRatingBudget.apply(ratings, params("0")).pairs()).isEqualTo(-1);
        assertThat(CoRatingBudget.apply(ratings, params(null).withoutNeighbours()).pairs()).isEqualTo(-1);
        assertThat(params(null).maxCoRatingPairs()).isEqualTo(CoRatingBudget.DEFAULT_MAX_PAIRS);
    }
}
