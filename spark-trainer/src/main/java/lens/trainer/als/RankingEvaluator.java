package lens.trainer.als;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import java.util.Map;
import lens.trainer.eval.Factors;
import lens.trainer.eval.HoldoutRanking;
import lens.trainer.eval.PopularityTable;
import lens.trainer.eval.Recommender;
import lens.trainer.eval.UserItems;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Brings what ranking needs to the driver: (user, item) pairs and an ALS model's factors, both small next to the
 * interactions (a pair is two ints; factors are rank floats per user and per movie). Lists and metrics are then
 * plain Java ({@link HoldoutRanking}, {@link Recommender}), with no Spark job per list.
 */
public final class RankingEvaluator {

    private RankingEvaluator() {
    }

    /** Item popularity: distinct users per item index in the (user, item) rows. */
    public static PopularityTable popularity(Dataset<Row> userItems, int catalogSize) {
        return userItems(userItems).popularity(catalogSize);
    }

    /** The distinct (user, item) pairs of the rows, on the driver. */
    public static UserItems userItems(Dataset<Row> rows) {
        // distinct first: a window of views and clicks holds many rows per pair, the driver needs each pair once
        DriverColumns pairs = DriverColumns.collect(rows.select(col(ExplicitModel.USER), col(ExplicitModel.ITEM))
                .distinct());
        return UserItems.of(pairs.ints(0), pairs.ints(1));
    }

    /** An ALS model's user and item factors on the driver; both null for no model (popularity alone). */
    public record ModelFactors(Factors users, Factors items) {

        public static final ModelFactors NONE = new ModelFactors(null, null);

        public static ModelFactors of(ALSModel model) {
            return model == null ? NONE : new ModelFactors(factors(model.userFactors(), model.rank()),
                    factors(model.itemFactors(), model.rank()));
        }

        /** Lists from these factors, with {@code popularity} filling in. */
        public Recommender recommender(PopularityTable popularity) {
            return new Recommender(users, items, popularity);
        }
    }

    /**
     * Metrics of the model (no prefix) and of the popularity baseline ({@code baseline_} prefix), plus
     * {@code ndcg_lift}; see {@link HoldoutRanking}.
     *
     * @param model      the ranking model; null to judge popularity alone
     * @param train      (user, item) rows the model trained on
     * @param positives  (user, item) held-out positives
     */
    public static Map<String, Double> evaluate(ALSModel model, Dataset<Row> train, Dataset<Row> positives,
                                               PopularityTable popularity, int catalogSize, int k) {
        return evaluate(model, userItems(train), userItems(positives), popularity, catalogSize, k);
    }

    /** As above, with the pairs already on the driver. */
    public static Map<String, Double> evaluate(ALSModel model, UserItems train, UserItems positives,
                                               PopularityTable popularity, int catalogSize, int k) {
        return evaluate(ModelFactors.of(model), train, positives, popularity, catalogSize, k);
    }

    /** As above, with the model's factors already on the driver too. */
    public static Map<String, Double> evaluate(ModelFactors model, UserItems train, UserItems positives,
                                               PopularityTable popularity, int catalogSize, int k) {
        return HoldoutRanking.evaluate(model.recommender(popularity), train, positives, popularity, catalogSize, k);
    }

    private static Factors factors(Dataset<Row> table, int rank) {
        List<Row> rows = new java.util.ArrayList<>(table.collectAsList());
        rows.sort(java.util.Comparator.comparingInt(row -> row.getInt(0)));
        int[] ids = new int[rows.size()];
        float[] flat = new float[rows.size() * rank];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = rows.get(i).getInt(0);
            List<Object> features = rows.get(i).getList(1);
            for (int f = 0; f < rank; f++) {
                flat[i * rank + f] = ((Number) features.get(f)).floatValue();
            }
        }
        return new Factors(rank, ids, flat);
    }
}
