package lens.trainer.als;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.row_number;

import lens.events.InteractionType;
import lens.events.Topic;
import lens.trainer.lake.LakeInputs;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;

/** The window's user interactions as the models need them. */
final class WindowData {

    static final String USER_ID = "userId";
    static final String MOVIE_ID = "movieId";
    static final String TYPE = "interactionType";
    static final String RATING = "rating";
    static final String TIMESTAMP = "timestamp";

    private WindowData() {
    }

    /** The interactions of the window's completed hours: ids, type, rating, time. */
    static Dataset<Row> interactions(SparkSession spark, String lakeRoot, lens.events.EventHour last, int hours) {
        return LakeInputs.readWindow(spark, lakeRoot, Topic.USER_INTERACTIONS, last, hours)
                .select(col(USER_ID), col(MOVIE_ID), col(TYPE), col(RATING), col(TIMESTAMP), col("eventId"),
                        col("kafka_offset"))
                .filter(col(USER_ID).isNotNull().and(col(MOVIE_ID).isNotNull()).and(col(TIMESTAMP).isNotNull()));
    }

    /**
     * The window per (user, movie) pair, on the driver: one aggregation, one row per pair. The latest rating is
     * chosen as {@link #latestRatings} chooses it (a struct's maximum compares time, then offset, then event id).
     */
    static WindowPairs pairs(Dataset<Row> interactions, AlsSettings settings) {
        Column isRating = col(TYPE).equalTo(InteractionType.RATE.name()).and(col(RATING).isNotNull());
        Column latestRating = max(when(isRating, struct(col(TIMESTAMP), col("kafka_offset"), col("eventId"),
                col(RATING))));
        Column held = settings.holdoutMode() == AlsSettings.HoldoutMode.USER_RANDOM
                ? max(HoldoutSplit.heldOut(settings).cast("long")) : lit(0L);
        DriverColumns columns = DriverColumns.collect(interactions.groupBy(USER_ID, MOVIE_ID)
                .agg(count(lit(1)).as("n"), min(col(TIMESTAMP)).as("firstAt"),
                        max(when(col(TYPE).equalTo(InteractionType.BOOKMARK.name()), col(TIMESTAMP)))
                                .as("bookmarkedAt"),
                        latestRating.as("latest"), held.as("held"))
                .select(col(USER_ID), col(MOVIE_ID), col("n"), col("latest." + TIMESTAMP), col("firstAt"),
                        col("bookmarkedAt"),
                        when(col("latest." + RATING).geq(settings.relevantRating()), 1L).otherwise(0L),
                        col("held")));
        // a pair never rated or bookmarked has a null time there, which DriverColumns.NULL stands for
        return new WindowPairs(columns.longs(0), columns.longs(1), columns.longs(2), columns.longs(3),
                columns.longs(4), columns.longs(5), columns.longs(6), columns.longs(7));
    }

    /**
     * One rating per user and movie: the latest by event time (ties: the later Kafka offset, then the larger event
     * id, so the choice is deterministic). Columns: userId, movieId, rating, timestamp.
     */
    static Dataset<Row> latestRatings(Dataset<Row> interactions) {
        return interactions
                .filter(col(TYPE).equalTo(InteractionType.RATE.name()).and(col(RATING).isNotNull()))
                .withColumn("_rank", row_number().over(Window.partitionBy(USER_ID, MOVIE_ID)
                        .orderBy(col(TIMESTAMP).desc(), col("kafka_offset").desc_nulls_last(),
                                col("eventId").desc())))
                .filter(col("_rank").equalTo(1))
                .select(USER_ID, MOVIE_ID, RATING, TIMESTAMP);
    }
}
