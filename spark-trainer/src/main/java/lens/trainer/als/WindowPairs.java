package lens.trainer.als;

import java.util.Arrays;

/**
 * The window summarised per (user, movie) pair on the driver, from one Spark pass: how many interactions the pair
 * had and when it was last rated. Everything the run needs to know about the window before training follows from
 * it without another pass: counts, the ids to index, and where the time holdout starts.
 *
 * @param userIds      event user id per pair
 * @param movieIds     event movie id per pair
 * @param interactions interactions per pair (at least 1)
 * @param ratedAt      the pair's latest rating time (epoch millis), or {@link #NOT_RATED}
 */
record WindowPairs(long[] userIds, long[] movieIds, long[] interactions, long[] ratedAt) {

    static final long NOT_RATED = DriverColumns.NULL;

    WindowPairs {
        int n = userIds.length;
        if (movieIds.length != n || interactions.length != n || ratedAt.length != n) {
            throw new IllegalArgumentException("pair columns differ in length");
        }
    }

    int pairs() {
        return userIds.length;
    }

    long interactionCount() {
        return Arrays.stream(interactions).sum();
    }

    /** One rating per rated pair (the latest wins). */
    long ratingCount() {
        return Arrays.stream(ratedAt).filter(t -> t != NOT_RATED).count();
    }

    long ratingUsers() {
        return distinctRated(userIds);
    }

    long ratingMovies() {
        return distinctRated(movieIds);
    }

    /**
     * The holdout's start in time mode, ratings at or after it being held out: the exact {@code 1 - fraction}
     * quantile of the rating times, the time at rank {@code ceil((1 - fraction) * n)} (as Spark's
     * {@code approxQuantile} with zero error, which the tuning split uses).
     */
    long timeCutoff(double fraction, long windowEnd) {
        long[] times = Arrays.stream(ratedAt).filter(t -> t != NOT_RATED).sorted().toArray();
        if (times.length == 0) {
            return windowEnd;
        }
        int rank = (int) Math.ceil((1 - fraction) * times.length);
        return times[Math.max(0, Math.min(times.length - 1, rank - 1))];
    }

    private long distinctRated(long[] ids) {
        return Arrays.stream(indexesRated()).mapToLong(i -> ids[i]).distinct().count();
    }

    private int[] indexesRated() {
        return java.util.stream.IntStream.range(0, ratedAt.length).filter(i -> ratedAt[i] != NOT_RATED).toArray();
    }
}
