package lens.trainer.als;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Keeps the rating model's neighbourhood part within what a run's driver can afford. Its similarities are one pass
 * over each user's ratings against each other, {@code sum over users of n(n-1)/2} co-rating pairs: about 8M for
 * MovieLens 100K (a fraction of a second), 48M for 1M synthetic ratings, 440M for 10M (70,000 users), and the
 * training ratings are held on the driver while it runs ({@link ItemSimilarities}). Above
 * {@code explicit.maxCoRatingPairs} the run trains biases and ALS alone and says so in its summary, instead of
 * missing its hour or its driver's memory.
 */
public final class CoRatingBudget {

    public static final long DEFAULT_MAX_PAIRS = 100_000_000L;

    /** The parameters to train with, the pairs counted (-1: not counted) and, when skipped, why. */
    public record Decision(ExplicitParams params, long pairs, Optional<String> skipped) {
    }

    private CoRatingBudget() {
    }

    public static Decision apply(Dataset<Row> ratings, ExplicitParams params) {
        return apply(() -> pairs(ratings), params);
    }

    /** As above, with the co-rating pairs counted by the caller (only asked for when there is a budget). */
    public static Decision apply(java.util.function.LongSupplier coRatingPairs, ExplicitParams params) {
        if (params.neighbours() == 0 || params.maxCoRatingPairs() == 0) {
            return new Decision(params, -1, Optional.empty());
        }
        long pairs = coRatingPairs.getAsLong();
        Optional<String> skipped = exceeded(pairs, params.maxCoRatingPairs());
        return new Decision(skipped.isPresent() ? params.withoutNeighbours() : params, pairs, skipped);
    }

    /** Co-rating pairs of {@code ratings(user, ...)}: each unordered pair of a user's ratings. */
    static long pairs(Dataset<Row> ratings) {
        Row total = ratings.groupBy(ExplicitModel.USER).agg(count(lit(1)).as("n"))
                .agg(sum(col("n").multiply(col("n").minus(1)))).first();
        return total.isNullAt(0) ? 0 : total.getLong(0) / 2;
    }

    static Optional<String> exceeded(long pairs, long maxPairs) {
        if (maxPairs == 0 || pairs <= maxPairs) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "neighbourhood skipped: %,d co-rating pairs exceed "
                + "explicit.maxCoRatingPairs=%,d; the rating model is biases and ALS alone", pairs, maxPairs));
    }
}
