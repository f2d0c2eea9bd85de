package lens.trainer.als;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Ratings and interactions cut into what the models train on and what they are judged on.
 *
 * @param trainedUntil epoch millis; the training side holds no event at or after it (time mode), or the window's
 *                     end (user-random mode, where both sides span the whole window)
 */
record HoldoutSplit(Dataset<Row> trainRatings, Dataset<Row> holdoutRatings, Dataset<Row> trainInteractions,
                    Dataset<Row> holdoutInteractions, long trainedUntil) {

    private static final int BUCKETS = 10_000;

    /**
     * Time mode: the most recent {@code fraction} of the ratings (by event time) and every interaction from that
     * instant on. User-random mode: for every user a seeded {@code fraction} of their (user, movie) pairs, so the
     * same pair is held out from both models.
     */
    static HoldoutSplit of(Dataset<Row> ratings, Dataset<Row> interactions, AlsSettings settings, long windowEnd) {
        long cutoff = windowEnd;
        if (settings.holdoutMode() == AlsSettings.HoldoutMode.TIME) {
            double[] quantile = ratings.stat().approxQuantile(WindowData.TIMESTAMP,
                    new double[] {1 - settings.holdoutFraction()}, 0.0);
            cutoff = quantile.length == 0 ? windowEnd : (long) Math.ceil(quantile[0]);
        }
        return of(ratings, interactions, settings, windowEnd, cutoff);
    }

    /** As above, with the time mode's cutoff already known (see {@link WindowPairs#timeCutoff}). */
    static HoldoutSplit of(Dataset<Row> ratings, Dataset<Row> interactions, AlsSettings settings, long windowEnd,
                           long timeCutoff) {
        if (settings.holdoutMode() == AlsSettings.HoldoutMode.TIME) {
            Column before = col(WindowData.TIMESTAMP).lt(timeCutoff);
            return new HoldoutSplit(ratings.filter(before), ratings.filter(not(before)),
                    interactions.filter(before), interactions.filter(not(before)), timeCutoff);
        }
        Column held = heldOut(settings);
        return new HoldoutSplit(ratings.filter(not(held)), ratings.filter(held),
                interactions.filter(not(held)), interactions.filter(held), windowEnd);
    }

    /** User-random mode: whether a row's (userId, movieId) pair is held out, the same for all rows of the pair. */
    static Column heldOut(AlsSettings settings) {
        return pmod(xxhash64(col(WindowData.USER_ID), col(WindowData.MOVIE_ID), lit(settings.seed())),
                lit((long) BUCKETS)).lt((long) Math.round(settings.holdoutFraction() * BUCKETS));
    }
}
