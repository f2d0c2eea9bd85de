package lens.trainer.als;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lens.events.EventHour;
import lens.trainer.eval.PopularityTable;
import lens.trainer.job.JobRequest;
import lens.trainer.testing.MovieLens100K;
import lens.trainer.testing.TestSpark;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Experiment, not a test (it asserts nothing): the ranking model's NDCG@10 and its lift over popularity on
 * MovieLens 100K, exactly as {@link MovieLensRankingQualityTest} measures it, for every combination of a grid of
 * job options and every split seed. Prints one GRID line per run.
 * <pre>
 * ./mvnw -B -o -pl spark-trainer -am verify -DskipITs -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dtest=ImplicitGridExperiment -Dlens.experiment=true -Dlens.grid.seeds=42,7,2026 \
 *     -Dlens.grid='|implicit.rank=20,40;implicit.regParam=0.1,1|implicit.confidence=log;implicit.alpha=1,3'
 * </pre>
 * Grids separated by "|" run one after the other (an empty one: the defaults); within one, every combination.
 */
@EnabledIfSystemProperty(named = "lens.experiment", matches = "true")
class ImplicitGridExperiment {

    private static final int CATALOG = 1683;

    @Test
    void grid() {
        SparkSession spark = TestSpark.start("implicit-grid");
        try {
            Dataset<Row> ratings = MovieLens100K.read(spark, MovieLens100K.requireData().resolve("u.data"))
                    .withColumnRenamed("user", WindowData.USER_ID).withColumnRenamed("item", WindowData.MOVIE_ID)
                    .withColumn(ExplicitModel.USER, col(WindowData.USER_ID))
                    .withColumn(ExplicitModel.ITEM, col(WindowData.MOVIE_ID))
                    .withColumn(WindowData.TYPE, lit("RATE"))
                    .cache();
            List<Map<String, String>> combinations = combinations(System.getProperty("lens.grid", ""));
            for (String seed : System.getProperty("lens.grid.seeds", "42").split(",")) {
                runSeed(spark, ratings, seed.trim(), combinations);
            }
        } finally {
            spark.stop();
        }
    }

    private static void runSeed(SparkSession spark, Dataset<Row> ratings, String seed,
                                List<Map<String, String>> combinations) {
        AlsSettings base = settings(Map.of(), seed);
        HoldoutSplit split = HoldoutSplit.of(ratings, ratings, base, Long.MAX_VALUE);
        Dataset<Row> train = split.trainInteractions().cache();
        Dataset<Row> positives = split.holdoutRatings().filter(col(ExplicitModel.RATING).geq(4.0)).cache();
        PopularityTable popularity = RankingEvaluator.popularity(train, CATALOG);
        for (Map<String, String> combination : combinations) {
            AlsSettings settings = settings(combination, seed);
            long started = System.nanoTime();
            Dataset<Row> confidences = ImplicitModel.confidences(train, settings.implicit(), 0).cache();
            ALSModel model = ImplicitModel.fit(confidences, settings.implicit());
            Map<String, Double> metrics = RankingEvaluator.evaluate(model, train, positives, popularity,
                    CATALOG, 10);
            confidences.unpersist();
            System.out.printf(Locale.ROOT, "GRID seed=%s ndcg=%.4f baseline=%.4f lift=%.3f coverage=%.3f "
                            + "seconds=%.1f %s%n", seed, metrics.get("ndcg_at_k"), metrics.get("baseline_ndcg_at_k"),
                    metrics.get("ndcg_lift"), metrics.get("coverage"), (System.nanoTime() - started) / 1e9,
                    combination);
        }
        train.unpersist();
        positives.unpersist();
    }

    private static AlsSettings settings(Map<String, String> combination, String seed) {
        Map<String, String> options = new LinkedHashMap<>(combination);
        options.put("holdout.mode", "user-random");
        options.put("implicit.halfLifeHours", "0");
        options.put("seed", seed);
        return AlsSettings.from(new JobRequest("lake", "work", EventHour.parse("2026-11-29T00"), options));
    }

    /** Grids separated by "|", one after the other. */
    private static List<Map<String, String>> combinations(String grids) {
        List<Map<String, String>> result = new ArrayList<>();
        for (String grid : grids.split("\\|", -1)) {
            result.addAll(cartesian(grid));
        }
        return result;
    }

    /** "a=1,2;b=x,y" as the four maps {a=1,b=x} .. {a=2,b=y}; "" as one empty map (the defaults). */
    private static List<Map<String, String>> cartesian(String grid) {
        List<Map<String, String>> result = new ArrayList<>();
        result.add(new LinkedHashMap<>());
        for (String axis : grid.split(";")) {
            int eq = axis.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> partial : result) {
                for (String value : axis.substring(eq + 1).split(",")) {
                    Map<String, String> extended = new LinkedHashMap<>(partial);
                    extended.put(axis.substring(0, eq).trim(), value.trim());
                    next.add(extended);
                }
            }
            result = next;
        }
        return result;
    }
}
