package lens.trainer.als;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.Map;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;

/**
 * The ranking model: implicit-feedback ALS on one confidence value per user and movie. Each interaction adds its
 * type's weight (a rating: the rate weight times stars / 5), halved for every {@code halfLifeHours} it lies before
 * the reference time (events after it count in full).
 */
public final class ImplicitModel {

    public static final String CONFIDENCE = "confidence";

    private ImplicitModel() {
    }

    /** (user, item, confidence) from interactions with user, item, interactionType, rating, timestamp. */
    public static Dataset<Row> confidences(Dataset<Row> interactions, ImplicitParams params, long referenceMillis) {
        Column weight = lit(0.0);
        for (Map.Entry<String, Double> entry : params.weights().entrySet()) {
            Column typeWeight = entry.getKey().equals("RATE")
                    ? lit(entry.getValue()).multiply(pow(org.apache.spark.sql.functions.coalesce(
                            col(WindowData.RATING), lit(5.0)).divide(5.0), params.rateExponent()))
                    : lit(entry.getValue());
            weight = when(col(WindowData.TYPE).equalTo(entry.getKey()), typeWeight).otherwise(weight);
        }
        Column decay = params.halfLifeHours() <= 0 ? lit(1.0)
                : pow(lit(0.5), org.apache.spark.sql.functions.greatest(lit(0.0),
                        lit((double) referenceMillis).minus(col(WindowData.TIMESTAMP)))
                        .divide(params.halfLifeHours() * 3_600_000.0));
        ConfidenceScale scale = params.confidence();
        Column scaled = scale.kind() == ConfidenceScale.Kind.LINEAR ? col(CONFIDENCE)
                : org.apache.spark.sql.functions.udf((UDF1<Double, Double>) scale::apply, DataTypes.DoubleType)
                        .apply(col(CONFIDENCE));
        return interactions
                .withColumn(CONFIDENCE, weight.multiply(decay))
                .groupBy(ExplicitModel.USER, ExplicitModel.ITEM)
                .agg(sum(CONFIDENCE).as(CONFIDENCE))
                .filter(col(CONFIDENCE).gt(0))
                // ALS computes c = 1 + alpha * value from this column
                .withColumn(CONFIDENCE, scaled);
    }

    public static ALSModel fit(Dataset<Row> confidences, ImplicitParams params) {
        Checkpoints.require(confidences);
        return new ALS()
                .setImplicitPrefs(true)
                .setRank(params.rank())
                .setRegParam(params.regParam())
                .setAlpha(params.alpha())
                .setMaxIter(params.maxIter())
                .setSeed(params.seed())
                .setNumBlocks(AlsBlocks.resolve(params.blocks(), confidences.sparkSession()))
                .setUserCol(ExplicitModel.USER)
                .setItemCol(ExplicitModel.ITEM)
                .setRatingCol(CONFIDENCE)
                .setColdStartStrategy("drop")
                .fit(confidences);
    }
}
