package lens.trainer.als;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lens.events.EventHour;
import lens.events.InteractionType;
import lens.events.LakeLayout;
import lens.events.UserInteraction;
import lens.trainer.job.JobRequest;
import lens.trainer.job.JobResult;
import lens.trainer.job.SparkJobRunner;
import lens.trainer.job.SparkJobs;
import lens.trainer.model.ModelRegistry;
import lens.trainer.testing.LakeFixture;
import lens.trainer.testing.PlantedRatings;
import lens.trainer.testing.TestSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlsRetrainJobTest {

    private static final EventHour FIRST = EventHour.parse("2026-11-01T00");
    private static final int HOURS = 8;
    private static final EventHour LAST = FIRST.plusHours(HOURS - 1);
    private static final double NOISE = 0.3;

    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark() {
        spark = TestSpark.start("als-retrain-test");
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    private JobRequest request(Path lake, Path work, EventHour window, Map<String, String> options) {
        return new JobRequest(lake.toString(), work.toString(), window, options);
    }

    @Test
    void givenPlantedRatingsInCompletedHours_whenRetraining_thenRmseNearTheNoiseAndAChampionIsSaved() throws Exception {
        Path lake = dir.resolve("lake");
        Path work = dir.resolve("work");
        PlantedRatings planted = new PlantedRatings(120, 150, 3, NOISE, 7).selectivity(1);
        List<UserInteraction> ratings = planted.ratings(40, FIRST, HOURS);
        List<UserInteraction> events = new ArrayList<>(ratings);
        events.addAll(planted.views(10, FIRST, HOURS));
        // a newcomer whose only event is in the last hour: no factors, so popularity must serve them
        events.add(new UserInteraction("newcomer", LAST.startMillis() + 10, 999_999, 50_001, InteractionType.VIEW,
                null, null, null, null));
        new LakeFixture(spark, lake).writeCompleteHours(events);

        JobResult result = SparkJobRunner.run(spark, SparkJobs.ALS_RETRAIN,
                request(lake, work, LAST, Map.of("window.hours", "8", "topn.n", "5",
                        "explicit.rank", "3", "explicit.regParam", "0.05",
                        // these ratings are picked almost at random, so which movies a user rated says little:
                        // the ranking gate is not what this test is about (PromotionGateTest, MovieLens tests are)
                        "gate.minBaselineLift", "0")));

        assertThat(result.metrics()).containsKeys("rmse", "mae", "ratings", "users", "movies");
        assertThat(result.metrics().get("ratings")).isEqualTo(ratings.size());
        assertThat(result.metrics().get("users")).isEqualTo(120.0);
        assertThat(result.metrics()).containsKeys("ndcg_at_k", "precision_at_k", "recall_at_k", "map_at_k",
                "coverage", "popularity_bias", "baseline_ndcg_at_k", "ndcg_lift");
        assertThat(result.metrics().get("ndcg_at_k")).isBetween(0.0, 1.0);
        assertThat(result.metrics().get("baseline_ndcg_at_k")).isBetween(0.0, 1.0);
        assertThat(result.metrics().get("movies"))
                .isEqualTo((double) ratings.stream().map(UserInteraction::movieId).distinct().count());
        // The planted structure is recovered (told its rank): the error comes near the noise (0.3; measured 0.46
        // with clipping to 0.5..5 and a 20 % time holdout), far below the ratings' own spread (about 0.9).
        double spread = standardDeviation(ratings);
        assertThat(result.metrics().get("rmse")).isLessThan(NOISE * 1.8).isLessThan(0.6 * spread)
                .isGreaterThan(NOISE * 0.7);
        assertThat(result.metrics().get("mae")).isLessThan(result.metrics().get("rmse"));
        String version = (String) result.details().get("modelVersion");
        assertThat(result.details()).containsEntry("decision", "promoted");
        // where the run's time went, phase by phase in the order they ran; the window is far within the budget
        @SuppressWarnings("unchecked")
        Map<String, Double> phases = (Map<String, Double>) result.details().get("phaseSeconds");
        // both models fit side by side, and the version is saved while it is judged (save_wait: what is left)
        assertThat(phases).containsOnlyKeys("read", "index_and_split", "fit", "evaluate", "champion", "save_wait",
                "top_n");
        assertThat(phases.values()).allSatisfy(seconds -> assertThat(seconds).isNotNegative());
        assertThat(result.metrics().get("co_rating_pairs")).isPositive();
        assertThat(result.details()).doesNotContainKey("explicitModel");
        ModelRegistry registry = ModelRegistry.forWorkDir(work);
        assertThat(registry.champion()).contains(version);
        assertThat(registry.versionDir(version).resolve("explicit/als/metadata")).isDirectory();
        // the neighbourhood part travels with the model, and the blend it was given is on record
        assertThat(registry.versionDir(version).resolve("explicit/neighbours/similarities")).isDirectory();
        assertThat(registry.metadata(version).orElseThrow().params())
                .containsKeys("explicit.blend.alsWeight", "explicit.blend.neighbourWeight")
                .containsEntry("explicit.neighbours", "40");
        assertThat(registry.versionDir(version).resolve("index/users.txt")).isRegularFile();
        assertThat(registry.metadata(version).orElseThrow().metrics()).containsKey("rmse");
        Path summary = lake.resolve(LakeLayout.summary(SparkJobs.ALS_RETRAIN, LAST));
        assertThat(JobResult.fromJson(Files.readAllBytes(summary)).metrics().get("rmse"))
                .isEqualTo(result.metrics().get("rmse"));
        List<Row> evaluation = spark.read().parquet(lake.resolve(LakeLayout.resultsDir(SparkJobs.ALS_RETRAIN, LAST))
                .resolve("evaluation").toString()).filter("metric = 'rmse'").collectAsList();
        assertThat(evaluation).hasSize(1);
        assertThat(evaluation.get(0).getDouble(2)).isEqualTo(result.metrics().get("rmse"));

        Dataset<Row> recommendations = spark.read().parquet(lake.resolve(AlsRetrainJob.recommendationsDir(LAST))
                .toString());
        assertThat(recommendations.select("userId").distinct().count()).isEqualTo(121);
        assertThat(recommendations.groupBy("userId").count().filter("count <> 5").count()).isZero();
        List<Row> newcomer = recommendations.filter("userId = 999999").orderBy("rank").collectAsList();
        assertThat(newcomer).hasSize(5).allMatch(row -> row.getAs("source").equals("popularity"))
                .noneMatch(row -> row.<Long>getAs("movieId") == 50_001L);
        assertThat(recommendations.filter("userId <> 999999 and source = 'als'").count()).isPositive();
        assertThat(recommendations.filter("modelVersion <> '" + version + "'").count()).isZero();
        // the run's top-N figures describe what it wrote
        assertThat(result.metrics().get("recommended_users")).isEqualTo(121.0);
        assertThat(result.metrics().get("topn_fallback_users")).isEqualTo((double) recommendations
                .filter("source = 'popularity'").select("userId").distinct().count()).isPositive();
        // coverage is of the catalog: every movie of the window's interactions (the first run's whole index)
        Dataset<Row> seen = spark.read().parquet(lake.resolve("events").toString()).select("userId", "movieId");
        assertThat(result.metrics().get("topn_coverage")).isEqualTo(recommendations.select("movieId").distinct()
                .count() / (double) seen.select("movieId").distinct().count());
        // nobody is recommended a movie they already interacted with in the window
        assertThat(recommendations.join(seen, scala.jdk.javaapi.CollectionConverters.asScala(
                List.of("userId", "movieId")).toSeq()).count()).isZero();
    }

    private static double standardDeviation(List<UserInteraction> ratings) {
        double mean = ratings.stream().mapToDouble(UserInteraction::rating).average().orElseThrow();
        return Math.sqrt(ratings.stream().mapToDouble(r -> (r.rating() - mean) * (r.rating() - mean)).average()
                .orElseThrow());
    }

    @Test
    void givenARerateAndAnIncompleteHour_whenRetraining_thenLatestRatingWinsAndTheIncompleteHourIsIgnored() {
        Path lake = dir.resolve("lake");
        Path work = dir.resolve("work");
        LakeFixture fixture = new LakeFixture(spark, lake);
        List<UserInteraction> events = new ArrayList<>(new PlantedRatings(60, 40, 2, 0.2, 11).ratings(20, FIRST, 10));
        // user 1000 re-rates movie X in a later hour: one rating, the later one, must count
        UserInteraction first = events.get(0);
        long later = FIRST.plusHours(11).startMillis() + 5;
        events.add(UserInteraction.rate("re-rate", later, first.userId(), first.movieId(), 0.5));
        fixture.writeCompleteHours(events);
        // an hour without manifest: still being written, must not be read
        fixture.writeHour(FIRST.plusHours(12), List.of(
                UserInteraction.rate("pending", FIRST.plusHours(12).startMillis(), 1000, 50_001, 5.0)), false);

        // what is read is the subject here, not the rating model: ALS alone keeps the run short
        JobResult result = SparkJobRunner.run(spark, SparkJobs.ALS_RETRAIN,
                request(lake, work, FIRST.plusHours(12), Map.of("window.hours", "13", "explicit.neighbours", "0")));

        assertThat(result.metrics().get("ratings")).isEqualTo(events.size() - 1.0);
        assertThat(result.details().get("interactions")).isEqualTo((long) events.size());
    }

    /**
     * Fixed blend weights: a champion is still re-scored as a blend, without fitting the weights twice; the gate is the
     * subject, not model quality, so both models train briefly.
     */
    private static final Map<String, String> BRIEF_GATE_RUN = Map.of("window.hours", "8",
            "explicit.blend.weights", "0.77,0.37", "explicit.maxIter", "5", "implicit.maxIter", "5",
            "implicit.rank", "10");

    /** The planted ratings of every hour, FIRST to LAST, as complete hours of a lake. */
    private Path plantedLake() {
        Path lake = dir.resolve("lake");
        new LakeFixture(spark, lake).writeCompleteHours(new PlantedRatings(80, 100, 3, NOISE, 5).ratings(25, FIRST, HOURS));
        return lake;
    }

    @Test
    void givenAChampion_whenRetrainingTheNextHour_thenTheGateComparesOnTheSameHoldoutAndSaysWhy() {
        Path lake = plantedLake();
        Path work = dir.resolve("work");
        Map<String, String> options = BRIEF_GATE_RUN;
        JobResult first = SparkJobRunner.run(spark, SparkJobs.ALS_RETRAIN, request(lake, work, LAST.plusHours(-1), options));
        assertThat(first.details()).as(first.details().toString()).containsEntry("decision", "promoted");
        JobResult second = SparkJobRunner.run(spark, SparkJobs.ALS_RETRAIN, request(lake, work, LAST, options));

        assertThat(second.details().get("previousChampion")).isEqualTo(first.details().get("modelVersion"));
        assertThat(second.details()).containsKey("championOnHoldout");
        @SuppressWarnings("unchecked")
        List<String> reasons = (List<String>) second.details().get("reasons");
        assertThat(reasons).anyMatch(reason -> reason.contains("vs champion"));
        assertThat(ModelRegistry.forWorkDir(work).versions()).hasSize(2);
    }

    @Test
    void givenAChampionTrainedLater_whenBackfillingAnEarlierHour_thenBothModelsAreJudgedOnTheLaterSlice() {
        Path lake = plantedLake();
        Path work = dir.resolve("work");
        Map<String, String> options = BRIEF_GATE_RUN;
        JobResult later = SparkJobRunner.run(spark, SparkJobs.ALS_RETRAIN, request(lake, work, LAST, options));
        assertThat(later.details()).as(later.details().toString()).containsEntry("decision", "promoted");

        // the backfill's holdout starts before the champion stopped training: only the later slice is fair to both
        JobResult backfill = SparkJobRunner.run(spark, SparkJobs.ALS_RETRAIN,
                request(lake, work, LAST.plusHours(-1), options));

        assertThat((String) backfill.details().get("championComparison")).contains("both judged on the later slice");
        @SuppressWarnings("unchecked")
        Map<String, Double> champion = (Map<String, Double>) backfill.details().get("championOnHoldout");
        assertThat(champion).containsKeys("challenger_rmse", "challenger_ndcg_at_k");
        double sliceRmse = champion.get("challenger_rmse");
        assertThat(sliceRmse).isFinite().isNotEqualTo(backfill.metrics().get("rmse"));
        @SuppressWarnings("unchecked")
        List<String> reasons = (List<String>) backfill.details().get("reasons");
        assertThat(reasons).as("the gate compares the challenger's slice RMSE with the champion's")
                .anyMatch(reason -> reason.contains(String.format(java.util.Locale.ROOT, "RMSE %.4f vs champion %.4f",
                        sliceRmse, champion.get("rmse"))));
    }

    @Test
    void givenTuningOn_whenRetraining_thenTheGridIsTriedAndTheBestValuesAreTrainedAndRecordedWithTheModel() {
        Path lake = dir.resolve("lake");
        Path work = dir.resolve("work");
        new LakeFixture(spark, lake).writeCompleteHours(new PlantedRatings(80, 100, 3, NOISE, 5).ratings(25, FIRST, HOURS));

        JobResult result = SparkJobRunner.run(spark, SparkJobs.ALS_RETRAIN, request(lake, work, LAST, Map.of(
                "window.hours", "8", "explicit.maxIter", "5", "implicit.maxIter", "5", "gate.minBaselineLift", "0",
                "tune", "true", "tune.ranks", "2,3", "tune.regParams", "0.05,1.0", "tune.alphas", "1")));

        // every grid point was judged on the validation split: 2 ranks x 2 regParams per model (x 1 alpha)
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> trials = (List<Map<String, Object>>) result.details().get("tuning");
        List<Map<String, Object>> explicitTrials = trials.stream().filter(t -> t.get("model").equals("explicit"))
                .toList();
        List<Map<String, Object>> implicitTrials = trials.stream().filter(t -> t.get("model").equals("implicit"))
                .toList();
        assertThat(explicitTrials).hasSize(4).allSatisfy(t -> assertThat(t.get("rmse")).isNotNull());
        assertThat(implicitTrials).hasSize(4);
        Map<String, Object> bestRmse = explicitTrials.stream()
                .min(java.util.Comparator.comparingDouble(t -> (Double) t.get("rmse"))).orElseThrow();
        Map<String, Object> bestNdcg = implicitTrials.stream().filter(t -> t.get("ndcg_at_k") != null)
                .max(java.util.Comparator.comparingDouble(t -> (Double) t.get("ndcg_at_k"))).orElseThrow();
        // the winners are what the run trained with, and the saved model records them
        String version = (String) result.details().get("modelVersion");
        Map<String, String> saved = ModelRegistry.forWorkDir(work).metadata(version).orElseThrow().params();
        assertThat(saved).containsEntry("explicit.rank", bestRmse.get("rank").toString())
                .containsEntry("explicit.regParam", bestRmse.get("regParam").toString())
                .containsEntry("implicit.rank", bestNdcg.get("rank").toString())
                .containsEntry("implicit.regParam", bestNdcg.get("regParam").toString())
                .containsEntry("tune", "true")
                // a tuned run fits its blend weights instead of taking the configured ones
                .containsEntry("explicit.blend.weights", "fit");
        assertThat(saved.get("explicit.blend.alsWeight")).isNotEqualTo("0.77");
        @SuppressWarnings("unchecked")
        Map<String, Double> phases = (Map<String, Double>) result.details().get("phaseSeconds");
        assertThat(phases).containsKey("tune");
    }

    @Test
    void givenAnEmptyWindow_whenRetraining_thenTheRunIsSkippedWithAReason() {
        JobResult result = SparkJobRunner.run(spark, SparkJobs.ALS_RETRAIN,
                request(dir.resolve("lake"), dir.resolve("work"), LAST, Map.of()));

        assertThat(result.metrics()).containsEntry("ratings", 0.0);
        assertThat(result.details()).containsEntry("decision", "skipped");
        assertThat(ModelRegistry.forWorkDir(dir.resolve("work")).versions()).isEmpty();
    }

    @Test
    void givenViewsOnly_whenRetraining_thenNoRatingModelIsTrained() {
        Path lake = dir.resolve("lake");
        new LakeFixture(spark, lake).writeCompleteHours(List.of(new UserInteraction("v1", FIRST.startMillis() + 1,
                1, 2, InteractionType.VIEW, null, null, null, null)));

        JobResult result = SparkJobRunner.run(spark, SparkJobs.ALS_RETRAIN,
                request(lake, dir.resolve("work"), LAST, Map.of()));

        assertThat(result.details()).containsEntry("decision", "skipped");
    }
}
