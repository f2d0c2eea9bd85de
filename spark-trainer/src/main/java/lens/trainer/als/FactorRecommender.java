package lens.trainer.als;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import lens.trainer.eval.PopularityTable;
import lens.trainer.eval.TopN;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Top-n lists from an ALS model's factors, distributed over the users: the item factors travel to every executor
 * once (broadcast), each user's list skips what they have already seen, and users the model has no factors for
 * (or whose list runs short) get the most popular unseen movies instead.
 */
final class FactorRecommender {

    static final String ITEMS = "items";
    static final String SCORES = "scores";
    static final String SOURCE = "source";
    static final String SEEN = "seen";
    static final String SOURCE_MODEL = "als";
    static final String SOURCE_POPULARITY = "popularity";
    static final String SOURCE_MIXED = "als+popularity";

    private FactorRecommender() {
    }

    static StructType schema() {
        return new StructType()
                .add(ExplicitModel.USER, DataTypes.IntegerType, false)
                .add(ITEMS, DataTypes.createArrayType(DataTypes.IntegerType, false), false)
                .add(SCORES, DataTypes.createArrayType(DataTypes.FloatType, false), false)
                .add(SOURCE, DataTypes.StringType, false);
    }

    /**
     * @param model      the ALS model, or null for popularity only
     * @param users      rows with {@code user}
     * @param seen       rows (user, seen array&lt;int&gt;) of movies not to recommend
     * @param popularity the fallback ranking
     */
    static Dataset<Row> recommend(SparkSession spark, ALSModel model, Dataset<Row> users, Dataset<Row> seen,
                                  PopularityTable popularity, int n) {
        Dataset<Row> targets = users.select(ExplicitModel.USER).distinct()
                .join(seen, List.of(ExplicitModel.USER).stream().collect(scalaSeq()), "left");
        float[] flat = new float[0];
        int[] ids = new int[0];
        int rank = 0;
        if (model != null) {
            targets = targets.join(model.userFactors().withColumnRenamed("id", ExplicitModel.USER),
                    List.of(ExplicitModel.USER).stream().collect(scalaSeq()), "left");
            List<Row> items = model.itemFactors().orderBy("id").collectAsList();
            rank = model.rank();
            ids = new int[items.size()];
            flat = new float[items.size() * rank];
            for (int i = 0; i < items.size(); i++) {
                ids[i] = items.get(i).getInt(0);
                List<Object> features = items.get(i).getList(1);
                for (int f = 0; f < rank; f++) {
                    flat[i * rank + f] = ((Number) features.get(f)).floatValue();
                }
            }
        }
        org.apache.spark.api.java.JavaSparkContext jsc =
                org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<float[]> itemFactors = jsc.broadcast(flat);
        Broadcast<int[]> itemIds = jsc.broadcast(ids);
        Broadcast<PopularityTable> fallback = jsc.broadcast(popularity);
        boolean hasModel = model != null;
        JavaRDD<Row> lists = targets.javaRDD().mapPartitions(rows -> recommendPartition(rows, hasModel, itemFactors,
                itemIds, fallback, n));
        return spark.createDataFrame(lists, schema());
    }

    private static Iterator<Row> recommendPartition(Iterator<Row> rows, boolean hasModel,
                                                    Broadcast<float[]> itemFactors, Broadcast<int[]> itemIds,
                                                    Broadcast<PopularityTable> fallback, int n) {
        List<Row> out = new ArrayList<>();
        while (rows.hasNext()) {
            Row row = rows.next();
            int user = row.getInt(0);
            int[] seen = row.isNullAt(1) ? new int[0]
                    : row.<Integer>getList(1).stream().mapToInt(Integer::intValue).sorted().toArray();
            int[] items = new int[0];
            float[] scores = new float[0];
            if (hasModel && !row.isNullAt(2)) {
                List<Object> features = row.getList(2);
                float[] vector = new float[features.size()];
                for (int f = 0; f < vector.length; f++) {
                    vector[f] = ((Number) features.get(f)).floatValue();
                }
                TopN.Ranked ranked = TopN.select(vector, itemFactors.value(), itemIds.value(), seen, n);
                items = ranked.items();
                scores = ranked.scores();
            }
            String source = items.length == 0 ? SOURCE_POPULARITY : SOURCE_MODEL;
            if (items.length < n) {
                int[] exclude = merge(seen, items);
                int[] popular = fallback.value().topExcluding(n - items.length, exclude);
                if (popular.length > 0 && items.length > 0) {
                    source = SOURCE_MIXED;
                }
                int start = items.length;
                items = Arrays.copyOf(items, start + popular.length);
                scores = Arrays.copyOf(scores, start + popular.length);
                for (int i = 0; i < popular.length; i++) {
                    items[start + i] = popular[i];
                    scores[start + i] = Float.NaN;
                }
            }
            out.add(RowFactory.create(user, boxed(items), boxedScores(scores), source));
        }
        return out.iterator();
    }

    private static int[] merge(int[] sorted, int[] more) {
        int[] all = Arrays.copyOf(sorted, sorted.length + more.length);
        System.arraycopy(more, 0, all, sorted.length, more.length);
        Arrays.sort(all);
        return all;
    }

    private static scala.collection.immutable.Seq<Integer> boxed(int[] values) {
        return scala.jdk.javaapi.CollectionConverters.asScala(Arrays.stream(values).boxed().toList()).toSeq();
    }

    private static scala.collection.immutable.Seq<Float> boxedScores(float[] values) {
        List<Float> list = new ArrayList<>(values.length);
        for (float value : values) {
            list.add(value);
        }
        return scala.jdk.javaapi.CollectionConverters.asScala(list).toSeq();
    }

    static java.util.stream.Collector<String, ?, scala.collection.immutable.Seq<String>> scalaSeq() {
        return java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(),
                list -> scala.jdk.javaapi.CollectionConverters.asScala(list).toSeq());
    }

    /** (user, seen array) of the given (user, item) rows. */
    static Dataset<Row> seen(Dataset<Row> userItems) {
        return userItems.groupBy(ExplicitModel.USER)
                .agg(org.apache.spark.sql.functions.collect_set(col(ExplicitModel.ITEM)).as(SEEN));
    }
}
