package lens.trainer.als;

import static org.apache.spark.sql.functions.col;

import java.nio.file.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * The item-item neighbourhood model of the rating blend (KNNBaseline): a movie's residual for a user is the
 * similarity-weighted mean of that user's residuals on the {@code k} movies most similar to it that they rated
 * (positive similarities only). Residuals are against the same damped baseline ALS learns from; similarities are
 * {@link ShrunkSimilarity shrunk Pearson correlations} of those residuals.
 *
 * <p>The model is small (a few hundred similarities per movie plus the training residuals) and its similarities
 * cost one pass over the co-rating pairs, which {@link CoRatingBudget} bounds: both are computed on the driver
 * ({@link ItemSimilarities}, {@link UserResiduals}) and scoring is a map over the scored rows with the model
 * broadcast, so no step shuffles.
 */
final class ItemNeighbours {

    static final String SCORE = "neighbourScore";
    private static final String NEIGHBOUR = "neighbour";
    private static final String SIMILARITY = "similarity";
    private static final String RESIDUAL = "residual";

    private final ItemSimilarities similarities;
    private final UserResiduals residuals;
    private final int k;
    private Broadcast<Scorer> broadcast;

    private ItemNeighbours(ItemSimilarities similarities, UserResiduals residuals, int k) {
        this.similarities = similarities;
        this.residuals = residuals;
        this.k = k;
    }

    /**
     * @param residuals (user, item, residual) of the training ratings against the baseline, one row per pair
     * @param k         neighbours a prediction averages over
     * @param shrinkage pseudo-count of the similarity shrinkage
     * @param perMovie  similarities kept per movie, the strongest (0: all positive ones)
     */
    static ItemNeighbours fit(Dataset<Row> residuals, int k, double shrinkage, int perMovie) {
        UserResiduals collected = collect(residuals);
        return new ItemNeighbours(ItemSimilarities.compute(collected, shrinkage, perMovie), collected, k);
    }

    /** Adds {@link #SCORE} to (user, item, ...) rows: 0 when the user rated no positively similar movie. */
    Dataset<Row> score(Dataset<Row> rows) {
        Broadcast<Scorer> model = broadcast(rows.sparkSession());
        UserDefinedFunction score = functions.udf((UDF2<Integer, Integer, Double>) (user, item) ->
                model.value().score(user, item), DataTypes.DoubleType);
        return rows.withColumn(SCORE, score.apply(col(ExplicitModel.USER), col(ExplicitModel.ITEM)));
    }

    int k() {
        return k;
    }

    /**
     * Parquet tables (item, neighbour, similarity) and (user, neighbour, residual), readable without LENS; written
     * by the driver, which holds both ({@link DriverParquet}).
     */
    void save(SparkSession spark, Path dir) {
        org.apache.hadoop.conf.Configuration conf = spark.sparkContext().hadoopConfiguration();
        int[] items = new int[similarities.size()];
        int[] neighbours = new int[similarities.size()];
        double[] values = new double[similarities.size()];
        int row = 0;
        for (int item = 0; item < similarities.items(); item++) {
            for (int n = 0; n < similarities.neighbourCount(item); n++) {
                items[row] = item;
                neighbours[row] = similarities.neighbour(item, n);
                values[row++] = similarities.similarity(item, n);
            }
        }
        DriverParquet.writeTriples(conf, dir.resolve("similarities"), ExplicitModel.ITEM, NEIGHBOUR, SIMILARITY,
                items, neighbours, values);
        int[] users = new int[residuals.ratings()];
        int[] rated = new int[residuals.ratings()];
        double[] residualValues = new double[residuals.ratings()];
        row = 0;
        for (int user = 0; user < residuals.users(); user++) {
            for (int p = residuals.from(user); p < residuals.to(user); p++) {
                users[row] = user;
                rated[row] = residuals.itemAt(p);
                residualValues[row++] = residuals.residualAt(p);
            }
        }
        DriverParquet.writeTriples(conf, dir.resolve("residuals"), ExplicitModel.USER, NEIGHBOUR, RESIDUAL, users,
                rated, residualValues);
    }

    static ItemNeighbours load(SparkSession spark, Path dir, int k) {
        DriverColumns similarities = DriverColumns.collect(spark.read()
                .parquet(dir.resolve("similarities").toUri().toString())
                .select(ExplicitModel.ITEM, NEIGHBOUR, SIMILARITY));
        Dataset<Row> residuals = spark.read().parquet(dir.resolve("residuals").toUri().toString())
                .select(col(ExplicitModel.USER), col(NEIGHBOUR).as(ExplicitModel.ITEM), col(RESIDUAL));
        return new ItemNeighbours(ItemSimilarities.fromRows(similarities.ints(0), similarities.ints(1),
                similarities.doubles(2)), collect(residuals), k);
    }

    /** Releases the broadcast copies on the executors (the driver keeps its own). */
    void unpersist() {
        if (broadcast != null) {
            broadcast.unpersist();
        }
    }

    private synchronized Broadcast<Scorer> broadcast(SparkSession spark) {
        if (broadcast == null) {
            broadcast = JavaSparkContext.fromSparkContext(spark.sparkContext())
                    .broadcast(new Scorer(similarities, residuals, k));
        }
        return broadcast;
    }

    private static UserResiduals collect(Dataset<Row> residuals) {
        DriverColumns rows = DriverColumns.collect(residuals.select(ExplicitModel.USER, ExplicitModel.ITEM, RESIDUAL));
        return UserResiduals.of(rows.ints(0), rows.ints(1), rows.doubles(2));
    }

    /** What the executors need to score: the whole model, as one broadcast value. */
    private record Scorer(ItemSimilarities similarities, UserResiduals residuals, int k)
            implements java.io.Serializable {

        double score(Integer user, Integer item) {
            return user == null || item == null ? 0.0 : similarities.predict(residuals, user, item, k);
        }
    }
}
