package lens.trainer.als;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import lens.trainer.eval.RegressionMetrics;
import lens.trainer.testing.MovieLens100K;
import lens.trainer.testing.TestSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The rating model on MovieLens 100K's five given splits (u1..u5): mean RMSE must stay at or below 0.917 (plain
 * Spark ALS with default parameters measures 0.928 here, biases + ALS alone 0.9176; Surprise's SVD 0.934, SVD++
 * 0.919, KNNBaseline 0.931). The default model blends ALS with an item-item neighbourhood model at fixed weights
 * (0.77, 0.37: the mean of the weights fitted on a validation share of each fold's base file, never on a test file;
 * fitted per fold they give 0.9128, fixed 0.9126).
 */
@Tag("slow")
class MovieLensRatingQualityTest {

    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = TestSpark.start("movielens-rmse");
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void givenTheFiveGivenSplits_whenTrainingTheDefaultRatingModel_thenMeanRmseIsAtMost0917() {
        Path dir = MovieLens100K.requireData();
        ExplicitParams params = AlsSettings.from(new lens.trainer.job.JobRequest("lake", "work",
                lens.events.EventHour.parse("2026-11-29T00"), java.util.Map.of())).explicit();
        List<Double> rmses = new ArrayList<>();
        RegressionMetrics total = new RegressionMetrics(0, 0, 0);
        for (int fold = 1; fold <= 5; fold++) {
            Dataset<Row> base = MovieLens100K.read(spark, dir.resolve("u" + fold + ".base")).cache();
            Dataset<Row> test = MovieLens100K.read(spark, dir.resolve("u" + fold + ".test"));
            ExplicitModel model = ExplicitModel.fit(base, params);
            RegressionMetrics metrics = AlsRetrainJob.evaluate(model.predict(test));
            rmses.add(metrics.rmse());
            total = total.plus(metrics);
            System.out.printf(Locale.ROOT, "MovieLens100K fold u%d: RMSE %.4f MAE %.4f (%d of 20000 predicted), "
                    + "blend %s%n", fold, metrics.rmse(), metrics.mae(), metrics.count(), model.blend());
            assertThat(metrics.count()).isGreaterThan(19_900);
            base.unpersist();
        }
        double mean = rmses.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        System.out.printf(Locale.ROOT, "MovieLens100K 5-fold mean RMSE %.4f, pooled MAE %.4f, params %s%n", mean,
                total.mae(), params.describe());
        assertThat(mean).isLessThanOrEqualTo(0.917);
    }
}
