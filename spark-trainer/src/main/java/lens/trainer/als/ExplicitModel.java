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
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The rating model: {@code clip(mu + b_user + b_movie + wa * (u . v) + wk * neighbourScore)}: damped biases are
 * fitted first, then ALS and an {@link ItemNeighbours item-item neighbourhood model} both learn the residuals, and
 * the two residual predictions are {@link BlendWeights blended}. Columns: {@code user} and {@code item} (int indexes), {@code rating} (double).
 */
public final class ExplicitModel {

    public static final String USER = "user";
    public static final String ITEM = "item";
    public static final String RATING = "rating";
    public static final String PREDICTION = "prediction";
    private static final String RESIDUAL = "residual";
    private static final String USER_BIAS = "userBias";
    private static final String ITEM_BIAS = "itemBias";
    static final String ALS_SCORE = "alsScore";
    static final String BASELINE = "baseline";

    private final double globalMean;
    private final double minRating;
    private final double maxRating;
    private final Dataset<Row> userBiases;
    private final Dataset<Row> itemBiases;
    private final ALSModel als;
    private final ItemNeighbours neighbours;
    private final BlendWeights blend;

    private ExplicitModel(double globalMean, double minRating, double maxRating, Dataset<Row> userBiases,
                          Dataset<Row> itemBiases, ALSModel als, ItemNeighbours neighbours, BlendWeights blend) {
        this.globalMean = globalMean;
        this.minRating = minRating;
        this.maxRating = maxRating;
        this.userBiases = userBiases;
        this.itemBiases = itemBiases;
        this.als = als.setPredictionCol(ALS_SCORE).setColdStartStrategy("drop");
        this.neighbours = neighbours;
        this.blend = blend;
    }

    /**
     * Fits on {@code ratings(user, item, rating)}; the caller caches the input if it reuses it. With a
     * neighbourhood part and no fixed blend, the blend weights are fitted on a seeded random validation share of
     * {@code ratings} (both parts trained on the rest) while every part is fitted on all of {@code ratings}.
     */
    public static ExplicitModel fit(Dataset<Row> ratings, ExplicitParams params) {
        Checkpoints.require(ratings);
        if (params.neighbours() == 0) {
            return fitParts(ratings, params, BlendWeights.ALS_ONLY);
        }
        if (params.fixedBlend() != null) {
            return fitParts(ratings, params, params.fixedBlend());
        }
        // the weights only mix the parts' predictions, so the final parts need not wait for them: both fits run
        // side by side
        try (SideBySide<BlendWeights> weights = new SideBySide<>(ratings.sparkSession().sparkContext(),
                "fitting the blend weights", () -> fitBlend(ratings, params))) {
            ExplicitModel parts = fitParts(ratings, params, BlendWeights.ALS_ONLY);
            return parts.withBlend(weights.join());
        }
    }

    private ExplicitModel withBlend(BlendWeights weights) {
        return new ExplicitModel(globalMean, minRating, maxRating, userBiases, itemBiases, als, neighbours, weights);
    }

    static BlendWeights fitBlend(Dataset<Row> ratings, ExplicitParams params) {
        double share = params.blendValidationFraction();
        Dataset<Row>[] parts = ratings.randomSplit(new double[] {1 - share, share}, params.seed());
        Dataset<Row> fitPart = parts[0].cache();
        try {
            ExplicitModel partial = fitParts(fitPart, params, BlendWeights.ALS_ONLY);
            try {
                Column y = col(RATING).minus(col(BASELINE));
                Column a = col(ALS_SCORE);
                Column k = col(ItemNeighbours.SCORE);
                Row sums = partial.scores(parts[1]).agg(count(lit(1)), sum(a.multiply(a)), sum(a.multiply(k)),
                        sum(k.multiply(k)), sum(a.multiply(y)), sum(k.multiply(y))).first();
                return sums.getLong(0) == 0 ? BlendWeights.ALS_ONLY : BlendWeights.fit(
                        new BlendWeights.NormalEquations(sums.getLong(0), sums.getDouble(1), sums.getDouble(2),
                                sums.getDouble(3), sums.getDouble(4), sums.getDouble(5)));
            } finally {
                partial.unpersist();
            }
        } finally {
            fitPart.unpersist();
        }
    }

    static ExplicitModel fitParts(Dataset<Row> ratings, ExplicitParams params, BlendWeights blend) {
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
        // cached: ALS reads its input twice (an emptiness check, then its blocks) and the neighbourhood once more
        Dataset<Row> residuals = withBiases(ratings, mu, userBiases, itemBiases)
                .withColumn(RESIDUAL, col(RATING).minus(col(BASELINE)))
                .select(USER, ITEM, RESIDUAL)
                .cache();
        ALSModel model;
        ItemNeighbours neighbours;
        try {
            model = new ALS()
                    .setRank(params.rank())
                    .setRegParam(params.regParam())
                    .setMaxIter(params.maxIter())
                    .setSeed(params.seed())
                    .setNumBlocks(AlsBlocks.resolve(params.blocks(), spark))
                    .setUserCol(USER)
                    .setItemCol(ITEM)
                    .setRatingCol(RESIDUAL)
                    .setImplicitPrefs(false)
                    .setColdStartStrategy("drop")
                    .fit(residuals);
            neighbours = params.neighbours() == 0 ? null
                    : ItemNeighbours.fit(residuals, params.neighbours(), params.similarityShrinkage(),
                            params.similaritiesPerMovie());
        } finally {
            residuals.unpersist();
        }
        return new ExplicitModel(mu, stats.getDouble(1), stats.getDouble(2), userBiases, itemBiases, model,
                neighbours, blend);
    }

    /**
     * Adds {@code prediction} to rows with {@code user} and {@code item}; rows whose user or movie the model never
     * saw are dropped (cold start), so the caller can count how much of a holdout was predictable.
     */
    public Dataset<Row> predict(Dataset<Row> pairs) {
        Column residual = lit(blend.als()).multiply(col(ALS_SCORE))
                .plus(lit(blend.neighbours()).multiply(col(ItemNeighbours.SCORE)));
        return scores(pairs)
                .withColumn(PREDICTION, least(lit(maxRating), greatest(lit(minRating), col(BASELINE).plus(residual))))
                .drop(BASELINE, ALS_SCORE, ItemNeighbours.SCORE, USER_BIAS, ITEM_BIAS);
    }

    /** The parts before blending: {@code baseline}, {@code alsScore}, {@code neighbourScore} (0 without one). */
    Dataset<Row> scores(Dataset<Row> pairs) {
        Dataset<Row> scored = withBiases(als.transform(pairs), globalMean, userBiases, itemBiases);
        return neighbours == null ? scored.withColumn(ItemNeighbours.SCORE, lit(0.0)) : neighbours.score(scored);
    }

    public BlendWeights blend() {
        return blend;
    }

    void unpersist() {
        userBiases.unpersist();
        itemBiases.unpersist();
        if (neighbours != null) {
            neighbours.unpersist();
        }
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
            baseline.put("blendAls", blend.als());
            baseline.put("blendNeighbours", blend.neighbours());
            baseline.put("neighbours", neighbours == null ? 0.0 : neighbours.k());
            if (neighbours != null) {
                neighbours.save(userBiases.sparkSession(), dir.resolve("neighbours"));
            }
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
            // models saved before the neighbourhood blend have none of its keys: ALS alone
            int k = baseline.getOrDefault("neighbours", 0).intValue();
            BlendWeights blend = new BlendWeights(baseline.getOrDefault("blendAls", 1.0).doubleValue(),
                    baseline.getOrDefault("blendNeighbours", 0.0).doubleValue());
            return new ExplicitModel(baseline.get("globalMean").doubleValue(),
                    baseline.get("minRating").doubleValue(), baseline.get("maxRating").doubleValue(),
                    spark.read().parquet(dir.resolve("user-bias").toUri().toString()).cache(),
                    spark.read().parquet(dir.resolve("item-bias").toUri().toString()).cache(),
                    ALSModel.load(dir.resolve("als").toUri().toString()),
                    k == 0 ? null : ItemNeighbours.load(spark, dir.resolve("neighbours"), k), blend);
        } catch (IOException e) {
            throw new UncheckedIOException("could not load the explicit model from " + dir, e);
        }
    }

    private static Dataset<Row> withBiases(Dataset<Row> rows, double mu, Dataset<Row> userBiases,
                                           Dataset<Row> itemBiases) {
        return rows.join(functions.broadcast(userBiases), USER, "left")
                .join(functions.broadcast(itemBiases), ITEM, "left")
                .withColumn(BASELINE, lit(mu).plus(coalesce(col(USER_BIAS), lit(0.0)))
                        .plus(coalesce(col(ITEM_BIAS), lit(0.0))));
    }

    private static org.apache.spark.sql.types.StructType biasSchema(String key, String value) {
        return new org.apache.spark.sql.types.StructType()
                .add(key, org.apache.spark.sql.types.DataTypes.IntegerType)
                .add(value, org.apache.spark.sql.types.DataTypes.DoubleType);
    }
}
