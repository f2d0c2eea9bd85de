package lens.trainer.metrics;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lens.events.EventHour;
import lens.events.InteractionType;
import lens.events.LakeLayout;
import lens.events.Topic;
import lens.stats.DdSketch;
import lens.stats.HyperLogLog;
import lens.trainer.job.JobRequest;
import lens.trainer.job.JobResult;
import lens.trainer.job.LensSparkJob;
import lens.trainer.job.SparkJobs;
import lens.trainer.lake.LakeInputs;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code serving-metrics}: how fast and how reliably recommendations were served in one hour, by which models,
 * to how many users, and how engaged those users were. Reads complete hours only. Writes
 * {@code results/metrics/window=<hour>/models} (one row per model, plus an {@code *} overall row) and
 * {@code .../state} (the mergeable {@link ServingState} that daily roll-ups merge without re-reading events).
 *
 * <p>Options: {@code metrics.ctr-attribution-minutes} (30): a click counts for a recommendation when the same user
 * clicks the same movie within this many minutes after the response; {@code metrics.latency-accuracy} (0.01):
 * relative accuracy of latency quantiles; {@code metrics.hll-precision} (12); {@code metrics.top-movies} (10).
 */
public final class ServingMetricsJob implements LensSparkJob {

    static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").withZone(ZoneOffset.UTC);
    public static final String OVERALL = "*";

    @Override
    public String name() {
        return SparkJobs.SERVING_METRICS;
    }

    @Override
    public JobResult run(SparkSession spark, JobRequest request) {
        EventHour hour = request.window();
        int attributionMinutes = request.intOption("metrics.ctr-attribution-minutes", 30);
        double accuracy = request.doubleOption("metrics.latency-accuracy", DdSketch.DEFAULT_RELATIVE_ACCURACY);
        int precision = request.intOption("metrics.hll-precision", HyperLogLog.DEFAULT_PRECISION);
        int topMovies = request.intOption("metrics.top-movies", 10);

        HourInputs inputs = new HourInputs(spark, request.lakeRoot());
        Dataset<Row> requests = inputs.read(Topic.RECOMMENDATION_REQUESTS, hour, hour, true).cache();
        Dataset<Row> responses = inputs.read(Topic.RECOMMENDATION_RESPONSES, hour, hour, true).cache();
        Dataset<Row> interactions = inputs.read(Topic.USER_INTERACTIONS, hour, hour, true).cache();
        // clicks may follow a late recommendation into the next hour; that hour counts once it is complete
        Dataset<Row> nextHourInteractions = inputs.read(Topic.USER_INTERACTIONS, hour.plusHours(1),
                hour.plusHours(1), false);
        boolean ctrWindowComplete = LakeInputs.completedHours(spark, request.lakeRoot(), Topic.USER_INTERACTIONS,
                hour.plusHours(1), hour.plusHours(1)).size() == 1;
        try {
            ServingState state = new ServingState(accuracy, precision);
            state.setInputsComplete(inputs.complete());
            aggregateRequests(requests, responses, state);
            aggregateResponses(responses, accuracy, state);
            aggregateInteractions(interactions, precision, state);
            aggregateClickThrough(responses, interactions.unionByName(nextHourInteractions), hour,
                    attributionMinutes, state);

            String resultsDir = LakeLayout.resultsDir(name(), hour);
            List<String> outputs = List.of(resultsDir + "/models", resultsDir + "/state");
            writeModels(spark, state, LakeInputs.path(request.lakeRoot(), outputs.get(0)).toString());
            writeState(spark, state, LakeInputs.path(request.lakeRoot(), outputs.get(1)).toString());

            Map<String, Double> metrics = state.metrics();
            metrics.put("ctr_window_complete", ctrWindowComplete ? 1.0 : 0.0);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("inputs", inputs.report());
            details.put("ctr", ServingState.ordered("attributionMinutes", attributionMinutes,
                    "definition", "share of (response, movie) impressions the same user clicked within the window",
                    "windowComplete", ctrWindowComplete));
            details.put("latencySketch", ServingState.ordered("kind", "DDSketch", "relativeAccuracy", accuracy));
            details.putAll(state.details(topMovies));
            return new JobResult(name(), hour.toString(), metrics, details, outputs);
        } finally {
            requests.unpersist();
            responses.unpersist();
            interactions.unpersist();
        }
    }

    // Each aggregate below is one Spark action; related counts share a group-by so an hour costs few passes.

    private static void aggregateRequests(Dataset<Row> requests, Dataset<Row> responses, ServingState state) {
        Dataset<Row> answered = responses.select(col("requestId").as("answered_id")).distinct();
        List<Row> rows = requests.join(answered, col("requestId").equalTo(col("answered_id")), "left")
                .groupBy(col("experimentId"), col("variant"), floor(col("timestamp").divide(60_000)).as("minute"))
                .agg(count(lit(1)), sum(when(col("answered_id").isNull(), 1L).otherwise(0L)))
                .collectAsList();
        for (Row row : rows) {
            long n = row.getLong(3);
            state.addRequests(n, row.getLong(4));
            state.addArmRequests(row.getString(0), row.getString(1), n);
            state.addRequestsInMinute(minuteKey(row.getLong(2)), n);
        }
    }

    private static void aggregateResponses(Dataset<Row> responses, double accuracy, ServingState state) {
        UserDefinedFunction bucket = udf((UDF1<Double, Integer>) latency ->
                latency == null || latency < 0 ? null : DdSketch.bucketOf(latency, accuracy), DataTypes.IntegerType);
        List<Row> rows = responses
                .groupBy(coalesce(col("modelName"), lit("unknown")), coalesce(col("modelVersion"), lit("unknown")),
                        bucket.apply(col("latencyMs")))
                .agg(count(lit(1)),
                        sum(when(col("success"), 1L).otherwise(0L)),
                        sum(when(col("success").and(col("movieIds").isNull().or(size(col("movieIds")).equalTo(0))),
                                1L).otherwise(0L)),
                        max("latencyMs"))
                .collectAsList();
        for (Row row : rows) {
            ModelKey model = new ModelKey(row.getString(0), row.getString(1));
            state.addModel(model, row.getLong(3), row.getLong(4), row.getLong(5), row.isNullAt(6) ? 0 : row.getDouble(6));
            if (!row.isNullAt(2)) {
                state.addLatencyBucket(model, row.getInt(2), row.getLong(3));
            }
        }
        for (Row row : responses.filter(not(col("success"))).groupBy("errorKind").count().collectAsList()) {
            state.addErrors(row.getString(0), row.getLong(1));
        }
    }

    private static void aggregateInteractions(Dataset<Row> interactions, int precision, ServingState state) {
        UserDefinedFunction register = udf((UDF1<Long, Integer>) user ->
                HyperLogLog.registerIndex(HyperLogLog.mix(user), precision), DataTypes.IntegerType);
        UserDefinedFunction rank = udf((UDF1<Long, Integer>) user ->
                HyperLogLog.rank(HyperLogLog.mix(user), precision), DataTypes.IntegerType);
        // a user hashes to exactly one register, so the registers' distinct counts add up to the exact count
        long exactUsers = 0;
        for (Row row : interactions.filter(col("userId").isNotNull())
                .groupBy(register.apply(col("userId")))
                .agg(max(rank.apply(col("userId"))), countDistinct("userId")).collectAsList()) {
            state.offerUserRegister(row.getInt(0), row.getInt(1));
            exactUsers += row.getLong(2);
        }
        state.setExactActiveUsers(exactUsers);
        for (Row row : interactions.groupBy(col("interactionType"), floor(col("timestamp").divide(60_000)))
                .count().collectAsList()) {
            state.addInteractions(row.getString(0), row.getLong(2));
            state.addInteractionsInMinute(minuteKey(row.getLong(1)), row.getLong(2));
        }
        for (Row row : interactions.groupBy("movieId").count().collectAsList()) {
            state.addMovieInteractions(row.getLong(0), row.getLong(1));
        }
    }

    /** Impressions are (response, movie) pairs of successful responses of the hour; each is clicked or not. */
    private static void aggregateClickThrough(Dataset<Row> responses, Dataset<Row> interactions, EventHour hour,
                                              int attributionMinutes, ServingState state) {
        Dataset<Row> impressions = responses
                .filter(col("success").and(col("movieIds").isNotNull()))
                .select(col("requestId"), col("userId"), col("timestamp").as("shown_at"),
                        explode(col("movieIds")).as("movieId"))
                .dropDuplicates("requestId", "movieId");
        long windowMillis = attributionMinutes * 60_000L;
        Dataset<Row> clicks = interactions
                .filter(col("interactionType").equalTo(InteractionType.CLICK.name())
                        .and(col("timestamp").lt(hour.endMillis() + windowMillis)))
                .select(col("userId").as("click_user"), col("movieId").as("click_movie"),
                        col("timestamp").as("clicked_at"));
        Row totals = impressions.join(clicks, col("userId").equalTo(col("click_user"))
                        .and(col("movieId").equalTo(col("click_movie")))
                        .and(col("clicked_at").geq(col("shown_at")))
                        .and(col("clicked_at").leq(col("shown_at").plus(windowMillis))), "left")
                .groupBy("requestId", "movieId")
                .agg(max(when(col("clicked_at").isNotNull(), 1L).otherwise(0L)).as("clicked"))
                .agg(count(lit(1)), sum("clicked"))
                .first();
        state.addImpressions(totals.getLong(0), totals.isNullAt(1) ? 0 : totals.getLong(1));
    }

    static String minuteKey(long epochMinute) {
        return MINUTE.format(Instant.ofEpochSecond(epochMinute * 60));
    }

    static final StructType MODELS_SCHEMA = new StructType()
            .add("model_name", DataTypes.StringType, false)
            .add("model_version", DataTypes.StringType, false)
            .add("requests", DataTypes.LongType, false)
            .add("successes", DataTypes.LongType, false)
            .add("empty_results", DataTypes.LongType, false)
            .add("latency_p50_ms", DataTypes.DoubleType, true)
            .add("latency_p95_ms", DataTypes.DoubleType, true)
            .add("latency_p99_ms", DataTypes.DoubleType, true)
            .add("latency_max_ms", DataTypes.DoubleType, true);

    private static void writeModels(SparkSession spark, ServingState state, String path) {
        List<Row> rows = new ArrayList<>();
        state.models().forEach((key, s) -> rows.add(modelRow(key.name(), key.version(), s.responses(),
                s.successes(), s.emptyResults(), s.latency(), s.maxLatencyMs())));
        rows.add(modelRow(OVERALL, OVERALL, state.responses(), state.successes(),
                state.models().values().stream().mapToLong(ModelServing::emptyResults).sum(), state.overallLatency(),
                state.models().values().stream().mapToDouble(ModelServing::maxLatencyMs).max().orElse(0)));
        spark.createDataFrame(rows, MODELS_SCHEMA).coalesce(1).write().mode(SaveMode.Overwrite).parquet(path);
    }

    private static Row modelRow(String name, String version, long requests, long successes, long empty,
                                DdSketch latency, double max) {
        boolean any = latency.count() > 0;
        return RowFactory.create(name, version, requests, successes, empty,
                any ? latency.quantile(0.5) : null, any ? latency.quantile(0.95) : null,
                any ? latency.quantile(0.99) : null, any ? max : null);
    }

    private static void writeState(SparkSession spark, ServingState state, String path) {
        ServingStateStore.write(spark, state, path);
    }
}
