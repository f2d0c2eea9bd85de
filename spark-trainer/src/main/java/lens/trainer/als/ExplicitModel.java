package lens.trainer.als;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import lens.events.EventJson;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The rating model: {@code clip(mu + b_user + b_movie + u . v)} where the damped biases are fitted first and ALS
 * learns the residuals. Columns: {@code user} and {@code item} (int indexes), {@code rating} (double).
 */
public final class ExplicitModel {

    public static final String USER = "user";
    public static final String ITEM = "item";
    public static final String RATING = "rating";
    public static final String PREDICTION = "prediction";
    private static final String RESIDUAL = "residual";
    private static final String USER_BIAS = "userBias";
    private static final String ITEM_BIAS = "itemBias";
    private static final String ALS_SCORE = "alsScore";

    private final double globalMean;
    private final double minRating;
    private final double maxRating;
    private final Dataset<Row> userBiases;
    private final Dataset<Row> itemBiases;
    private final ALSModel als;

    private ExplicitModel(double globalMean, double minRating, double maxRating, Dataset<Row> userBiases,
                          Dataset<Row> itemBiases, ALSModel als) {
        this.globalMean = globalMean;
        this.minRating = minRating;
        this.maxRating = maxRating;
        this.userBiases = userBiases;
        this.itemBiases = itemBiases;
        this.als = als.setPredictionCol(ALS_SCORE).setColdStartStrategy("drop");
    }

    /** Fits on {@code ratings(user, item, rating)}; the caller caches the input if it reuses it. */
    public static ExplicitModel fit(Dataset<Row> ratings, ExplicitParams params) {
        Checkpoints.require(ratings);
        Row stats = ratings.agg(avg(RATING), min(RATING), max(RATING), count(lit(1))).first();
        if (stats.getLong(3) == 0) {
            throw new IllegalArgumentException("no ratings to train on");
        }
        double mu = params.biases() ? stats.getDouble(0) : 0.0;
        Dataset<Row> itemBiases;
        Dataset<Row> userBiases;
        SparkSession spark = ratings.sparkSession();
        if (params.biases()) {
            itemBiases = ratings.groupBy(ITEM)
                    .agg(sum(col(RATING).minus(mu)).divide(count(lit(1)).plus(params.movieBiasReg())).as(ITEM_BIAS))
                    .cache();
            userBiases = ratings.join(functions.broadcast(itemBiases), ITEM)
                    .groupBy(USER)
                    .agg(sum(col(RATING).minus(mu).minus(col(ITEM_BIAS)))
                            .divide(count(lit(1)).plus(params.userBiasReg())).as(USER_BIAS))
                    .cache();
        } else {
            itemBiases = spark.createDataFrame(java.util.List.of(), biasSchema(ITEM, ITEM_BIAS));
            userBiases = spark.createDataFrame(java.util.List.of(), biasSchema(USER, USER_BIAS));
        }
        Dataset<Row> residuals = withBiases(ratings, mu, userBiases, itemBiases)
                .withColumn(RESIDUAL, col(RATING).minus(col("baseline")));
        ALSModel model = new ALS()
                .setRank(params.rank())
                .setRegParam(params.regParam())
                .setMaxIter(params.maxIter())
                .setSeed(params.seed())
                .setUserCol(USER)
                .setItemCol(ITEM)
                .setRatingCol(RESIDUAL)
                .setImplicitPrefs(false)
                .setColdStartStrategy("drop")
                .fit(residuals);
        return new ExplicitModel(mu, stats.getDouble(1), stats.getDouble(2), userBiases, itemBiases, model);
    }

    /**
     * Adds {@code prediction} to rows with {@code user} and {@code item}; rows whose user or movie the model never
     * saw are dropped (cold start), so the caller can count how much of a holdout was predictable.
     */
    public Dataset<Row> predict(Dataset<Row> pairs) {
        Dataset<Row> scored = als.transform(pairs);
        return withBiases(scored, globalMean, userBiases, itemBiases)
                .withColumn(PREDICTION, least(lit(maxRating),
                        greatest(lit(minRating), col("baseline").plus(col(ALS_SCORE)))))
                .drop("baseline", ALS_SCORE, USER_BIAS, ITEM_BIAS);
    }

    public ALSModel als() {
        return als;
    }

    public double globalMean() {
        return globalMean;
    }

    public void save(Path dir) {
        try {
            Files.createDirectories(dir);
            als.write().overwrite().save(dir.resolve("als").toUri().toString());
            userBiases.coalesce(1).write().mode("overwrite").parquet(dir.resolve("user-bias").toUri().toString());
            itemBiases.coalesce(1).write().mode("overwrite").parquet(dir.resolve("item-bias").toUri().toString());
            Map<String, Double> baseline = new LinkedHashMap<>();
            baseline.put("globalMean", globalMean);
            baseline.put("minRating", minRating);
            baseline.put("maxRating", maxRating);
            Files.write(dir.resolve("baseline.json"), EventJson.mapper().writeValueAsBytes(baseline));
        } catch (IOException e) {
            throw new UncheckedIOException("could not save the explicit model to " + dir, e);
        }
    }

    public static ExplicitModel load(SparkSession spark, Path dir) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Number> baseline = EventJson.mapper().readValue(
                    Files.readAllBytes(dir.resolve("baseline.json")), Map.class);
            return new ExplicitModel(baseline.get("globalMean").doubleValue(),
                    baseline.get("minRating").doubleValue(), baseline.get("maxRating").doubleValue(),
                    spark.read().parquet(dir.resolve("user-bias").toUri().toString()).cache(),
                    spark.read().parquet(dir.resolve("item-bias").toUri().toString()).cache(),
                    ALSModel.load(dir.resolve("als").toUri().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("could not load the explicit model from " + dir, e);
        }
    }

    private static Dataset<Row> withBiases(Dataset<Row> rows, double mu, Dataset<Row> userBiases,
                                           Dataset<Row> itemBiases) {
        return rows.join(functions.broadcast(userBiases), USER, "left")
                .join(functions.broadcast(itemBiases), ITEM, "left")
                .withColumn("baseline", lit(mu).plus(coalesce(col(USER_BIAS), lit(0.0)))
                        .plus(coalesce(col(ITEM_BIAS), lit(0.0))));
    }

    private static org.apache.spark.sql.types.StructType biasSchema(String key, String value) {
        return new org.apache.spark.sql.types.StructType()
                .add(key, org.apache.spark.sql.types.DataTypes.IntegerType)
                .add(value, org.apache.spark.sql.types.DataTypes.DoubleType);
    }
}
