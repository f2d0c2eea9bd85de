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
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlsRetrainJobTest {

    private static final EventHour FIRST = EventHour.parse("2026-11-01T00");
    private static final int HOURS = 24;
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
        List<UserInteraction> ratings = new PlantedRatings(120, 80, 3, NOISE, 7).ratings(40, FIRST, HOURS);
        new LakeFixture(spark, lake).writeCompleteHours(ratings);

        JobResult result = SparkJobRunner.run(spark, SparkJobs.ALS_RETRAIN,
                request(lake, work, LAST, Map.of("window.hours", "24")));

        assertThat(result.metrics()).containsKeys("rmse", "mae", "ratings", "users", "movies");
        assertThat(result.metrics().get("ratings")).isEqualTo(ratings.size());
        assertThat(result.metrics().get("users")).isEqualTo(120.0);
        assertThat(result.metrics().get("movies")).isEqualTo(80.0);
        // The planted structure is recoverable: the error approaches the noise, far below the ratings' spread.
        assertThat(result.metrics().get("rmse")).isLessThan(NOISE * 1.5).isGreaterThan(NOISE * 0.7);
        assertThat(result.metrics().get("mae")).isLessThan(result.metrics().get("rmse"));
        String version = (String) result.details().get("modelVersion");
        assertThat(result.details()).containsEntry("decision", "promoted");
        ModelRegistry registry = ModelRegistry.forWorkDir(work);
        assertThat(registry.champion()).contains(version);
        assertThat(registry.versionDir(version).resolve("explicit/als/metadata")).isDirectory();
        assertThat(registry.versionDir(version).resolve("index/users.txt")).isRegularFile();
        assertThat(registry.metadata(version).orElseThrow().metrics()).containsKey("rmse");
        Path summary = lake.resolve(LakeLayout.summary(SparkJobs.ALS_RETRAIN, LAST));
        assertThat(JobResult.fromJson(Files.readAllBytes(summary)).metrics().get("rmse"))
                .isEqualTo(result.metrics().get("rmse"));
        List<Row> evaluation = spark.read().parquet(lake.resolve(LakeLayout.resultsDir(SparkJobs.ALS_RETRAIN, LAST))
                .resolve("evaluation").toString()).filter("metric = 'rmse'").collectAsList();
        assertThat(evaluation).hasSize(1);
        assertThat(evaluation.get(0).getDouble(2)).isEqualTo(result.metrics().get("rmse"));
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

        JobResult result = SparkJobRunner.run(spark, SparkJobs.ALS_RETRAIN,
                request(lake, work, FIRST.plusHours(12), Map.of("window.hours", "13")));

        assertThat(result.metrics().get("ratings")).isEqualTo(events.size() - 1.0);
        assertThat(result.details().get("interactions")).isEqualTo((long) events.size());
    }

    @Test
    void givenAChampion_whenRetrainingTheNextHour_thenTheGateComparesOnTheSameHoldoutAndSaysWhy() {
        Path lake = dir.resolve("lake");
        Path work = dir.resolve("work");
        new LakeFixture(spark, lake).writeCompleteHours(new PlantedRatings(80, 60, 3, NOISE, 5).ratings(30, FIRST, HOURS));

        JobResult first = SparkJobRunner.run(spark, SparkJobs.ALS_RETRAIN,
                request(lake, work, LAST.plusHours(-1), Map.of("window.hours", "24")));
        JobResult second = SparkJobRunner.run(spark, SparkJobs.ALS_RETRAIN,
                request(lake, work, LAST, Map.of("window.hours", "24")));

        assertThat(second.details().get("previousChampion")).isEqualTo(first.details().get("modelVersion"));
        assertThat(second.details()).containsKey("championOnHoldout");
        @SuppressWarnings("unchecked")
        List<String> reasons = (List<String>) second.details().get("reasons");
        assertThat(reasons).anyMatch(reason -> reason.contains("vs champion"));
        assertThat(ModelRegistry.forWorkDir(work).versions()).hasSize(2);
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
