package lens.trainer.als;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import lens.events.EventHour;
import lens.events.InteractionType;
import lens.events.UserInteraction;
import lens.trainer.eval.UserItems;
import lens.trainer.job.JobRequest;
import lens.trainer.model.IdIndex;
import lens.trainer.testing.LakeFixture;
import lens.trainer.testing.TestSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver's per-pair summary ({@link WindowPairs}) must cut the window exactly as {@link HoldoutSplit} cuts the
 * rows in Spark: the retrain takes its counts, co-rating pairs and evaluation pairs from the one, and trains on the
 * other. Checked on a window with re-ratings (the latest wins), views, bookmarks and ratings without stars.
 */
class WindowPairsAgreementTest {

    private static final EventHour FIRST = EventHour.parse("2026-11-01T00");
    private static final int HOURS = 6;

    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark() {
        spark = TestSpark.start("window-pairs-test");
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void givenAMixedWindow_whenCutByTime_thenTheDriverSummaryAgreesWithSparksSplit() {
        assertAgreement(Map.of("holdout.mode", "time", "holdout.fraction", "0.3"));
    }

    @Test
    void givenAMixedWindow_whenCutPerUserAtRandom_thenTheDriverSummaryAgreesWithSparksSplit() {
        assertAgreement(Map.of("holdout.mode", "user-random", "holdout.fraction", "0.3"));
    }

    private void assertAgreement(Map<String, String> options) {
        Path lake = dir.resolve("lake");
        new LakeFixture(spark, lake).writeCompleteHours(mixedEvents(new Random(11)));
        EventHour last = FIRST.plusHours(HOURS - 1);
        AlsSettings settings = AlsSettings.from(new JobRequest(lake.toString(), dir.toString(), last, options));
        Dataset<Row> interactions = WindowData.interactions(spark, lake.toString(), last, HOURS).cache();
        Dataset<Row> ratings = WindowData.latestRatings(interactions);

        WindowPairs window = WindowData.pairs(interactions, settings);
        IdIndex users = IdIndex.empty().extendedWith(window.userIds());
        IdIndex movies = IdIndex.empty().extendedWith(window.movieIds());
        Dataset<Row> userTable = IdIndexing.table(spark, users, WindowData.USER_ID, ExplicitModel.USER);
        Dataset<Row> movieTable = IdIndexing.table(spark, movies, WindowData.MOVIE_ID, ExplicitModel.ITEM);
        long windowEnd = last.endMillis();
        long cutoff = window.timeCutoff(settings.holdoutFraction(), windowEnd);
        HoldoutSplit split = HoldoutSplit.of(IdIndexing.indexed(ratings, userTable, movieTable),
                IdIndexing.indexed(interactions, userTable, movieTable), settings, windowEnd, cutoff);
        WindowPairs.Split sides = window.split(settings.holdoutMode() == AlsSettings.HoldoutMode.TIME, cutoff);

        assertThat(window.ratingCount()).isEqualTo(ratings.count());
        assertThat(sides.count(sides::trainRating)).isEqualTo(split.trainRatings().count()).isPositive();
        assertThat(sides.count(sides::holdoutRating)).isEqualTo(split.holdoutRatings().count()).isPositive();
        assertThat(sides.coRatingPairs()).isEqualTo(CoRatingBudget.pairs(split.trainRatings()));
        IndexedPairs pairs = IndexedPairs.of(window, users, movies);
        assertSame(pairs.select(sides::seenInTraining), RankingEvaluator.userItems(split.trainInteractions()));
        UserItems positives = pairs.select(sides::positive);
        assertThat(positives.pairs()).isPositive();
        Dataset<Row> sparkPositives = AlsRetrainJob.positives(split, settings.relevantRating());
        assertSame(positives, RankingEvaluator.userItems(sparkPositives));
        // the later slice a champion trained after this cut is judged on: positives with a held-out rating from then
        long from = FIRST.startMillis() + HOURS * 3_600_000L * 3 / 4;
        UserItems laterPositives = pairs.select(pair -> sides.positiveRatedFrom(pair, from));
        assertThat(laterPositives.pairs()).isPositive().isLessThan(positives.pairs());
        assertSame(laterPositives, RankingEvaluator.userItems(sparkPositives.join(split.holdoutRatings()
                .filter(org.apache.spark.sql.functions.col(WindowData.TIMESTAMP).geq(from))
                .select(ExplicitModel.USER, ExplicitModel.ITEM),
                scala.jdk.javaapi.CollectionConverters.asScala(List.of(ExplicitModel.USER, ExplicitModel.ITEM))
                        .toSeq(), "left_semi")));
        // the time split's legacy cutoff (Spark's exact quantile) is the same instant
        if (settings.holdoutMode() == AlsSettings.HoldoutMode.TIME) {
            assertThat(HoldoutSplit.of(ratings, interactions, settings, windowEnd).trainedUntil()).isEqualTo(cutoff);
        }
        interactions.unpersist();
    }

    private static void assertSame(UserItems driver, UserItems spark) {
        assertThat(driver.pairs()).isEqualTo(spark.pairs());
        for (int user = 0; user < Math.max(driver.userBound(), spark.userBound()); user++) {
            assertThat(driver.itemsOf(user)).as("user %d", user).containsExactly(spark.itemsOf(user));
        }
    }

    /** 25 users x 30 movies: ratings (some re-rated, some without stars), views and bookmarks over six hours. */
    private static List<UserInteraction> mixedEvents(Random random) {
        List<UserInteraction> events = new ArrayList<>();
        long start = FIRST.startMillis();
        long span = HOURS * 3_600_000L;
        for (int i = 0; i < 1_500; i++) {
            long user = 1 + random.nextInt(25);
            long movie = 100 + random.nextInt(30);
            long time = start + (long) (random.nextDouble() * span);
            int kind = random.nextInt(10);
            InteractionType type = kind < 5 ? InteractionType.RATE : kind < 8 ? InteractionType.VIEW
                    : InteractionType.BOOKMARK;
            Double rating = type != InteractionType.RATE ? null
                    : kind == 4 ? null : (double) (1 + random.nextInt(5));
            events.add(new UserInteraction("e" + i, time, user, movie, type, rating, null, null, null));
        }
        return events;
    }
}
