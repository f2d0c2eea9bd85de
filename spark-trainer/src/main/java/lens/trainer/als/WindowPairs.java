package lens.trainer.als;

import java.util.Arrays;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * The window summarised per (user, movie) pair on the driver, from one Spark pass. Everything the run needs to know
 * about the window besides the training rows themselves follows from it without another pass: counts, the ids to
 * index, where the time holdout starts, and, once it is cut ({@link #split}), which pairs training saw, which are
 * held-out positives, and the rating model's co-rating pairs.
 *
 * @param userIds         event user id per pair
 * @param movieIds        event movie id per pair
 * @param interactions    interactions per pair (at least 1)
 * @param ratedAt         the pair's latest rating time (epoch millis), or {@link #NONE}
 * @param firstAt         the pair's earliest interaction time
 * @param bookmarkedAt    the pair's latest bookmark time, or {@link #NONE}
 * @param relevantRating  1 if the pair's latest rating is at least the relevance threshold, else 0
 * @param held            1 if the user-random holdout holds the pair out, else 0 (always 0 in time mode)
 */
record WindowPairs(long[] userIds, long[] movieIds, long[] interactions, long[] ratedAt, long[] firstAt,
                   long[] bookmarkedAt, long[] relevantRating, long[] held) {

    /** No such event for the pair. */
    static final long NONE = DriverColumns.NULL;

    WindowPairs {
        int n = userIds.length;
        for (long[] column : new long[][] {movieIds, interactions, ratedAt, firstAt, bookmarkedAt, relevantRating,
                held}) {
            if (column.length != n) {
                throw new IllegalArgumentException("pair columns differ in length");
            }
        }
    }

    int pairs() {
        return userIds.length;
    }

    long interactionCount() {
        return Arrays.stream(interactions).sum();
    }

    boolean rated(int pair) {
        return ratedAt[pair] != NONE;
    }

    /** One rating per rated pair (the latest wins). */
    long ratingCount() {
        return IntStream.range(0, pairs()).filter(this::rated).count();
    }

    long ratingUsers() {
        return IntStream.range(0, pairs()).filter(this::rated).mapToLong(i -> userIds[i]).distinct().count();
    }

    long ratingMovies() {
        return IntStream.range(0, pairs()).filter(this::rated).mapToLong(i -> movieIds[i]).distinct().count();
    }

    /**
     * The holdout's start in time mode, ratings at or after it being held out: the exact {@code 1 - fraction}
     * quantile of the rating times, the time at rank {@code ceil((1 - fraction) * n)} (as Spark's
     * {@code approxQuantile} with zero error, which the tuning split uses).
     */
    long timeCutoff(double fraction, long windowEnd) {
        long[] times = Arrays.stream(ratedAt).filter(t -> t != NONE).sorted().toArray();
        if (times.length == 0) {
            return windowEnd;
        }
        int rank = (int) Math.ceil((1 - fraction) * times.length);
        return times[Math.max(0, Math.min(times.length - 1, rank - 1))];
    }

    /** The pairs as seen through a holdout: by time ({@code cutoff}), or by the user-random {@link #held} flag. */
    Split split(boolean timeMode, long cutoff) {
        return new Split(timeMode, cutoff);
    }

    /** Which side of the holdout each pair's data fell on, as {@link HoldoutSplit} cuts the rows. */
    final class Split {

        private final boolean timeMode;
        private final long cutoff;

        private Split(boolean timeMode, long cutoff) {
            this.timeMode = timeMode;
            this.cutoff = cutoff;
        }

        /** Some interaction of the pair is on the training side. */
        boolean seenInTraining(int pair) {
            return timeMode ? firstAt[pair] < cutoff : held[pair] == 0;
        }

        /** The pair's (latest) rating is a training rating. */
        boolean trainRating(int pair) {
            return rated(pair) && (timeMode ? ratedAt[pair] < cutoff : held[pair] == 0);
        }

        boolean holdoutRating(int pair) {
            return rated(pair) && !trainRating(pair);
        }

        /** A held-out positive: a held-out rating at or above the threshold, or a held-out bookmark. */
        boolean positive(int pair) {
            if (timeMode) {
                return (holdoutRating(pair) && relevantRating[pair] == 1)
                        || (bookmarkedAt[pair] != NONE && bookmarkedAt[pair] >= cutoff);
            }
            return held[pair] == 1 && ((rated(pair) && relevantRating[pair] == 1) || bookmarkedAt[pair] != NONE);
        }

        /**
         * A held-out positive whose held-out rating is at or after {@code from}: the positives of the holdout's later
         * slice that a champion trained after this run's cut is judged on.
         */
        boolean positiveRatedFrom(int pair, long from) {
            return positive(pair) && holdoutRating(pair) && ratedAt[pair] >= from;
        }

        long count(IntPredicate which) {
            return IntStream.range(0, pairs()).filter(which).count();
        }

        /** Sum over users of n(n-1)/2, n the user's training ratings: the neighbourhood's pass. */
        long coRatingPairs() {
            java.util.Map<Long, Long> perUser = new java.util.HashMap<>();
            for (int i = 0; i < pairs(); i++) {
                if (trainRating(i)) {
                    perUser.merge(userIds[i], 1L, Long::sum);
                }
            }
            return perUser.values().stream().mapToLong(n -> n * (n - 1) / 2).sum();
        }
    }
}
