package lens.trainer.als;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF5;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/**
 * The item-item neighbourhood model of the rating blend (KNNBaseline): a movie's residual for a user is the
 * similarity-weighted mean of that user's residuals on the {@code k} movies most similar to it that they rated
 * (positive similarities only). Residuals are against the same damped baseline ALS learns from; similarities are
 * {@link ShrunkSimilarity shrunk Pearson correlations} of those residuals.
 */
final class ItemNeighbours {

    static final String SCORE = "neighbourScore";
    private static final String NEIGHBOUR = "neighbour";
    private static final String SIMILARITY = "similarity";
    private static final String RESIDUAL = "residual";

    private final Dataset<Row> similarities;
    private final Dataset<Row> residuals;
    private final int k;

    private ItemNeighbours(Dataset<Row> similarities, Dataset<Row> residuals, int k) {
        this.similarities = similarities;
        this.residuals = residuals;
        this.k = k;
    }

    /**
     * @param residuals (user, item, residual) of the training ratings against the baseline
     * @param k         neighbours a prediction averages over
     * @param shrinkage pseudo-count of the similarity shrinkage
     * @param perMovie  similarities kept per movie, the strongest (0: all positive ones)
     */
    static ItemNeighbours fit(Dataset<Row> residuals, int k, double shrinkage, int perMovie) {
        Dataset<Row> own = residuals.select(col(ExplicitModel.USER), col(ExplicitModel.ITEM).as("i"),
                col(RESIDUAL).as("ri"));
        Dataset<Row> other = residuals.select(col(ExplicitModel.USER), col(ExplicitModel.ITEM).as("j"),
                col(RESIDUAL).as("rj"));
        UserDefinedFunction similarity = org.apache.spark.sql.functions.udf(
                (UDF5<Double, Double, Double, Long, Double, Double>) ShrunkSimilarity::of, DataTypes.DoubleType);
        // each unordered pair once, then mirrored: half the co-rating rows of a full self-join
        Dataset<Row> pairs = own.join(other, ExplicitModel.USER)
                .filter(col("i").lt(col("j")))
                .groupBy("i", "j")
                .agg(sum(col("ri").multiply(col("rj"))).as("sij"), sum(col("ri").multiply(col("ri"))).as("sii"),
                        sum(col("rj").multiply(col("rj"))).as("sjj"), count(lit(1)).as("n"))
                .withColumn(SIMILARITY, similarity.apply(col("sij"), col("sii"), col("sjj"), col("n"),
                        lit(shrinkage)))
                // only positive neighbours ever vote
                .filter(col(SIMILARITY).gt(0))
                .cache();
        Dataset<Row> both = pairs.select(col("i").as(ExplicitModel.ITEM), col("j").as(NEIGHBOUR), col(SIMILARITY))
                .union(pairs.select(col("j").as(ExplicitModel.ITEM), col("i").as(NEIGHBOUR), col(SIMILARITY)));
        if (perMovie > 0) {
            // a prediction then joins a user's ratings with at most perMovie rows per movie instead of the catalog
            WindowSpec strongest = Window.partitionBy(ExplicitModel.ITEM).orderBy(col(SIMILARITY).desc(),
                    col(NEIGHBOUR));
            both = both.withColumn("rank", row_number().over(strongest)).filter(col("rank").leq(perMovie))
                    .drop("rank");
        }
        both = both.cache();
        both.count();
        pairs.unpersist();
        return new ItemNeighbours(both, residuals.select(col(ExplicitModel.USER),
                col(ExplicitModel.ITEM).as(NEIGHBOUR), col(RESIDUAL)).cache(), k);
    }

    /**
     * The same similarities over other residuals: the final model reuses those of the blend fit (on 90 % of the
     * ratings) instead of repeating the co-rating self-join, the costliest step of the rating model.
     */
    ItemNeighbours withResiduals(Dataset<Row> newResiduals) {
        return new ItemNeighbours(similarities, newResiduals.select(col(ExplicitModel.USER),
                col(ExplicitModel.ITEM).as(NEIGHBOUR), col(RESIDUAL)).cache(), k);
    }

    /** Adds {@link #SCORE} to (user, item, ...) rows: 0 when the user rated no positively similar movie. */
    Dataset<Row> score(Dataset<Row> rows) {
        Dataset<Row> pairs = rows.select(ExplicitModel.USER, ExplicitModel.ITEM).distinct();
        WindowSpec nearest = Window.partitionBy(ExplicitModel.USER, ExplicitModel.ITEM)
                .orderBy(col(SIMILARITY).desc(), col(NEIGHBOUR));
        Dataset<Row> scored = pairs.join(residuals, ExplicitModel.USER)
                .join(similarities, RankingEvaluator.scala(ExplicitModel.ITEM, NEIGHBOUR))
                .withColumn("rank", row_number().over(nearest))
                .filter(col("rank").leq(k))
                .groupBy(ExplicitModel.USER, ExplicitModel.ITEM)
                .agg(sum(col(SIMILARITY).multiply(col(RESIDUAL))).divide(sum(SIMILARITY)).as(SCORE));
        return rows.join(scored, RankingEvaluator.scala(ExplicitModel.USER, ExplicitModel.ITEM), "left")
                .withColumn(SCORE, coalesce(col(SCORE), lit(0.0)));
    }

    int k() {
        return k;
    }

    void save(java.nio.file.Path dir) {
        similarities.write().mode("overwrite").parquet(dir.resolve("similarities").toUri().toString());
        residuals.write().mode("overwrite").parquet(dir.resolve("residuals").toUri().toString());
    }

    static ItemNeighbours load(SparkSession spark, java.nio.file.Path dir, int k) {
        return new ItemNeighbours(spark.read().parquet(dir.resolve("similarities").toUri().toString()).cache(),
                spark.read().parquet(dir.resolve("residuals").toUri().toString()).cache(), k);
    }

    void unpersist() {
        similarities.unpersist();
        residuals.unpersist();
    }

    /** Frees the residuals only: the similarities live on in a model {@link #withResiduals made from} this one. */
    void unpersistResiduals() {
        residuals.unpersist();
    }
}
