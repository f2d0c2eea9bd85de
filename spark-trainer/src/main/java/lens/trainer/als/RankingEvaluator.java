package lens.trainer.als;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.countDistinct;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lens.trainer.eval.PopularityTable;
import lens.trainer.eval.RankingEvaluation;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Judges a ranking model on held-out positives: every user with at least one positive the model could still
 * recommend (positives already seen in training are not counted) gets a top-k list that skips their training
 * movies; the popularity baseline gets the same users, the same exclusions and the same k. The metric arithmetic
 * is {@link RankingEvaluation}'s, on the driver.
 */
public final class RankingEvaluator {

    public static final String RELEVANT = "relevant";

    private RankingEvaluator() {
    }

    /** Item popularity: distinct users per item index in the (user, item) rows. */
    public static PopularityTable popularity(Dataset<Row> userItems, int catalogSize) {
        long[] counts = new long[catalogSize];
        for (Row row : userItems.groupBy(ExplicitModel.ITEM).agg(countDistinct(ExplicitModel.USER)).collectAsList()) {
            counts[row.getInt(0)] = row.getLong(1);
        }
        return new PopularityTable(counts);
    }

    /**
     * Metrics of the model (no prefix) and of the popularity baseline ({@code baseline_} prefix), plus
     * {@code ndcg_lift} (model NDCG@k over the baseline's).
     *
     * @param model      the ranking model; null to judge popularity alone
     * @param train      (user, item) rows the model trained on
     * @param positives  (user, item) held-out positives
     */
    public static Map<String, Double> evaluate(SparkSession spark, ALSModel model, Dataset<Row> train,
                                               Dataset<Row> positives, PopularityTable popularity, int catalogSize,
                                               int k) {
        Dataset<Row> trainPairs = train.select(ExplicitModel.USER, ExplicitModel.ITEM).distinct();
        Dataset<Row> seen = FactorRecommender.seen(trainPairs);
        Dataset<Row> relevant = positives.select(ExplicitModel.USER, ExplicitModel.ITEM).distinct()
                .join(trainPairs, scala(ExplicitModel.USER, ExplicitModel.ITEM), "left_anti")
                .groupBy(ExplicitModel.USER).agg(collect_set(col(ExplicitModel.ITEM)).as(RELEVANT));
        Dataset<Row> lists = FactorRecommender.recommend(spark, model, relevant, seen, popularity, k);
        List<Row> rows = lists.join(relevant, scala(ExplicitModel.USER))
                .join(seen, scala(ExplicitModel.USER), "left")
                .select(col(FactorRecommender.ITEMS), col(RELEVANT), col(FactorRecommender.SEEN))
                .collectAsList();
        RankingEvaluation modelEvaluation = new RankingEvaluation(k, catalogSize, popularity);
        RankingEvaluation baselineEvaluation = new RankingEvaluation(k, catalogSize, popularity);
        for (Row row : rows) {
            int[] items = row.<Integer>getList(0).stream().mapToInt(Integer::intValue).toArray();
            Set<Integer> relevantItems = new HashSet<>(row.<Integer>getList(1));
            int[] seenItems = row.isNullAt(2) ? new int[0]
                    : row.<Integer>getList(2).stream().mapToInt(Integer::intValue).sorted().toArray();
            modelEvaluation.add(items, relevantItems);
            baselineEvaluation.add(popularity.topExcluding(k, seenItems), relevantItems);
        }
        Map<String, Double> metrics = new LinkedHashMap<>(modelEvaluation.asMetrics(""));
        metrics.putAll(baselineEvaluation.asMetrics("baseline_"));
        if (modelEvaluation.usersJudged() > 0 && baselineEvaluation.ndcg() > 0) {
            metrics.put("ndcg_lift", modelEvaluation.ndcg() / baselineEvaluation.ndcg());
        }
        return metrics;
    }

    static scala.collection.immutable.Seq<String> scala(String... columns) {
        return scala.jdk.javaapi.CollectionConverters.asScala(List.of(columns)).toSeq();
    }
}
