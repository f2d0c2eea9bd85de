package lens.trainer.ab;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lens.events.AbEventType;
import lens.events.EventHour;
import lens.events.InteractionType;
import lens.events.LakeLayout;
import lens.events.Topic;
import lens.stats.CovariateSums;
import lens.stats.DdSketch;
import lens.trainer.job.JobRequest;
import lens.trainer.job.JobResult;
import lens.trainer.job.LensSparkJob;
import lens.trainer.job.SparkJobs;
import lens.trainer.lake.LakeInputs;
import lens.trainer.metrics.HourInputs;
import org.apache.spark.sql.Column;
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
 * {@code ab-report}: per experiment, for the job's hour (units assigned in that hour) and cumulatively since the
 * experiment started (within {@code ab.lookback-hours}, default 168), per-arm sufficient statistics from
 * {@code ab-test-events} joined with interactions and responses, analysed by {@link ExperimentAnalysis}.
 * A unit counts from its first assignment; units in two arms, conversions before assignment or without one are
 * kept out and counted. Writes {@code results/ab-report/window=<hour>/arms} (the sums) and
 * {@code .../comparisons}. Options: see {@link ExperimentConfig}, plus {@code ab.metrics} (default
 * {@code conversion,conversion_value,views,clicks,ratings}; conversion is always included).
 */
public final class AbReportJob implements LensSparkJob {

    static final String DEFAULT_METRICS = "conversion,conversion_value,views,clicks,ratings";
    /**
     * Sums run in DECIMAL: exact, so their value does not depend on the order Spark adds partitions in, and a
     * re-run over the same events gives a bit-identical summary (the publisher bumps versions only on change).
     */
    static final org.apache.spark.sql.types.DecimalType EXACT = DataTypes.createDecimalType(24, 6);

    @Override
    public String name() {
        return SparkJobs.AB_REPORT;
    }

    @Override
    public JobResult run(SparkSession spark, JobRequest request) {
        EventHour hour = request.window();
        int lookback = request.intOption("ab.lookback-hours", 168);
        int preHours = request.intOption("ab.cuped.pre-hours", 0);
        CupedCovariate covariate = CupedCovariate.parse(request.option("ab.cuped.covariate", CupedCovariate.DEFAULT));
        List<MetricKind> kinds = metricKinds(request.option("ab.metrics", DEFAULT_METRICS));
        EventHour from = hour.plusHours(1 - lookback);
        HourInputs inputs = new HourInputs(spark, request.lakeRoot());
        boolean hourComplete = !LakeInputs.completedHours(spark, request.lakeRoot(), Topic.AB_TEST_EVENTS, hour,
                hour).isEmpty();

        Dataset<Row> ab = inputs.read(Topic.AB_TEST_EVENTS, from, hour, false)
                .filter(col("timestamp").lt(hour.endMillis())).cache();
        try {
            Dataset<Row> units = ab.filter(col("eventType").equalTo(AbEventType.ASSIGNMENT.name()))
                    .groupBy("experimentId", "userId")
                    .agg(countDistinct("variant").as("arms"), min(struct(col("timestamp"), col("variant"))).as("first"))
                    .select(col("experimentId"), col("userId"), col("arms"),
                            col("first.timestamp").as("assigned_at"), col("first.variant").as("arm"))
                    .cache();
            Map<String, long[]> experiments = new TreeMap<>();
            for (Row row : units.groupBy("experimentId").agg(min("assigned_at"),
                    sum(when(col("arms").gt(1), 1L).otherwise(0L))).collectAsList()) {
                experiments.put(row.getString(0), new long[] {row.getLong(1), row.getLong(2)});
            }
            Map<String, Object> details = new LinkedHashMap<>();
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("experiments", (double) experiments.size());
            metrics.put("inputs_complete", hourComplete ? 1.0 : 0.0);
            details.put("lookbackHours", lookback);
            details.put("metrics", kinds.stream().map(MetricKind::id).toList());
            details.put("cuped", lens.trainer.metrics.ServingState.ordered("preHours", preHours,
                    "covariate", covariate.setting(), "enabled", preHours > 0));
            details.put("hourScope", "units first assigned in " + hour);
            details.put("cumulativeScope", "units assigned since the experiment started, outcomes up to " + hour.end());
            List<String> outputs = new ArrayList<>();
            if (experiments.isEmpty()) {
                details.put("inputs", inputs.report());
                details.put("experiments", List.of());
                return new JobResult(name(), hour.toString(), metrics, details, outputs);
            }
            long earliest = experiments.values().stream().mapToLong(v -> v[0]).min().orElseThrow();
            EventHour outcomesFrom = EventHour.of(earliest - preHours * 3_600_000L);
            Dataset<Row> clean = units.filter(col("arms").equalTo(1)).drop("arms");

            Map<String, long[]> conversionAnomalies = conversionAnomalies(ab, units);
            Dataset<Row> conversions = ab.filter(col("eventType").equalTo(AbEventType.CONVERSION.name()))
                    .select(col("experimentId").as("c_exp"), col("userId").as("c_user"), col("timestamp").as("c_ts"),
                            col("value").as("c_value"));
            Dataset<Row> perUnitConversions = clean.join(conversions, col("experimentId").equalTo(col("c_exp"))
                            .and(col("userId").equalTo(col("c_user"))).and(col("c_ts").geq(col("assigned_at"))))
                    .groupBy("experimentId", "userId")
                    .agg(count(lit(1)).as("conversions"), sum(coalesce(col("c_value"), lit(0.0))).as("conversion_value"));

            Dataset<Row> interactions = inputs.read(Topic.USER_INTERACTIONS, outcomesFrom, hour, false)
                    .filter(col("timestamp").lt(hour.endMillis()))
                    .select(col("userId").as("i_user"), col("interactionType").as("i_type"), col("timestamp").as("i_ts"));
            Column post = col("i_ts").geq(col("assigned_at"));
            Column pre = col("i_ts").lt(col("assigned_at"))
                    .and(col("i_ts").geq(col("assigned_at").minus(preHours * 3_600_000L)));
            List<Column> interactionAggs = new ArrayList<>();
            for (InteractionType type : InteractionType.values()) {
                Column isType = col("i_type").equalTo(type.name());
                interactionAggs.add(sum(when(post.and(isType), 1L).otherwise(0L)).as("post_" + type.name()));
                interactionAggs.add(sum(when(pre.and(isType), 1L).otherwise(0L)).as("pre_" + type.name()));
            }
            interactionAggs.add(sum(when(pre, 1L).otherwise(0L)).as("pre_" + CupedCovariate.ALL_ACTIVITY));
            interactionAggs.add(sum(when(col("i_ts").lt(col("assigned_at")), 1L).otherwise(0L)).as("before_ALL"));
            Dataset<Row> perUnitInteractions = clean.join(interactions, col("userId").equalTo(col("i_user")))
                    .groupBy("experimentId", "userId")
                    .agg(interactionAggs.get(0), interactionAggs.subList(1, interactionAggs.size()).toArray(Column[]::new));

            Dataset<Row> perUnit = clean
                    .join(perUnitConversions, toSeq("experimentId", "userId"), "left")
                    .join(perUnitInteractions, toSeq("experimentId", "userId"), "left")
                    .na().fill(0L)
                    .withColumn("scope_hour", col("assigned_at").geq(hour.startMillis()))
                    .cache();
            try {
                Map<String, Map<String, Map<String, Map<MetricKind, CovariateSums>>>> sums = sums(perUnit, kinds,
                        covariate);
                Map<String, Long> interactionsBefore = new HashMap<>();
                for (Row row : perUnit.groupBy("experimentId").agg(sum("before_ALL")).collectAsList()) {
                    interactionsBefore.put(row.getString(0), row.isNullAt(1) ? 0 : row.getLong(1));
                }
                Map<String, Map<String, Map<String, ArmGuardrail>>> guardrails = guardrails(
                        inputs.read(Topic.RECOMMENDATION_RESPONSES, outcomesFrom, hour, false)
                                .filter(col("timestamp").lt(hour.endMillis())),
                        experiments, hour);

                List<Object> reports = new ArrayList<>();
                List<Row> comparisonRows = new ArrayList<>();
                for (Map.Entry<String, long[]> exp : experiments.entrySet()) {
                    String id = exp.getKey();
                    long[] conv = conversionAnomalies.getOrDefault(id, new long[3]);
                    Anomalies anomalies = new Anomalies(exp.getValue()[1], conv[0], conv[1], conv[2],
                            interactionsBefore.getOrDefault(id, 0L));
                    ExperimentAnalysis.Report report = ExperimentAnalysis.analyse(id,
                            ExperimentConfig.from(request, id), exp.getValue()[0], kinds,
                            sums.getOrDefault(id, Map.of()), anomalies, guardrails.getOrDefault(id, Map.of()));
                    reports.add(report.details());
                    metrics.putAll(report.metrics());
                    comparisonRows.addAll(comparisonRows(id, report.details()));
                }
                details.put("experiments", reports);
                details.put("inputs", inputs.report());

                String dir = LakeLayout.resultsDir(name(), hour);
                outputs.add(dir + "/arms");
                outputs.add(dir + "/comparisons");
                writeArms(spark, sums, LakeInputs.path(request.lakeRoot(), outputs.get(0)).toString());
                spark.createDataFrame(comparisonRows, COMPARISONS_SCHEMA).coalesce(1).write().mode(SaveMode.Overwrite)
                        .parquet(LakeInputs.path(request.lakeRoot(), outputs.get(1)).toString());
                return new JobResult(name(), hour.toString(), metrics, details, outputs);
            } finally {
                perUnit.unpersist();
                units.unpersist();
            }
        } finally {
            ab.unpersist();
        }
    }

    static List<MetricKind> metricKinds(String text) {
        List<MetricKind> kinds = new ArrayList<>(List.of(MetricKind.CONVERSION));
        for (String id : text.split(",")) {
            if (!id.isBlank()) {
                MetricKind kind = MetricKind.of(id);
                if (!kinds.contains(kind)) {
                    kinds.add(kind);
                }
            }
        }
        return kinds;
    }

    private static scala.collection.immutable.Seq<String> toSeq(String... names) {
        return scala.jdk.javaapi.CollectionConverters.asScala(Arrays.asList(names)).toList();
    }

    /** Per experiment: conversions before assignment, without assignment, naming another arm. */
    private static Map<String, long[]> conversionAnomalies(Dataset<Row> ab, Dataset<Row> units) {
        Dataset<Row> conversions = ab.filter(col("eventType").equalTo(AbEventType.CONVERSION.name()))
                .select(col("experimentId").as("c_exp"), col("userId").as("c_user"), col("variant").as("c_variant"),
                        col("timestamp").as("c_ts"));
        Dataset<Row> joined = conversions.join(units, col("c_exp").equalTo(col("experimentId"))
                .and(col("c_user").equalTo(col("userId"))), "left");
        Column single = col("arms").equalTo(1);
        Map<String, long[]> result = new HashMap<>();
        for (Row row : joined.groupBy("c_exp").agg(
                sum(when(single.and(col("c_ts").lt(col("assigned_at"))), 1L).otherwise(0L)),
                sum(when(col("assigned_at").isNull(), 1L).otherwise(0L)),
                sum(when(single.and(col("c_ts").geq(col("assigned_at"))).and(not(col("c_variant").equalTo(col("arm")))),
                        1L).otherwise(0L))).collectAsList()) {
            result.put(row.getString(0), new long[] {row.getLong(1), row.getLong(2), row.getLong(3)});
        }
        return result;
    }

    /** experiment → scope → arm → metric → sums of the metric (y) and its pre-period covariate (x). */
    private static Map<String, Map<String, Map<String, Map<MetricKind, CovariateSums>>>> sums(Dataset<Row> perUnit,
                                                                                               List<MetricKind> kinds,
                                                                                               CupedCovariate covariate) {
        Dataset<Row> longForm = null;
        for (MetricKind kind : kinds) {
            Dataset<Row> part = perUnit.select(col("experimentId"), col("arm"), col("scope_hour"),
                    lit(kind.id()).as("metric"), outcome(kind).cast(EXACT).as("y"),
                    col("pre_" + covariate.preActivityOf(kind)).cast(EXACT).as("x"));
            longForm = longForm == null ? part : longForm.unionByName(part);
        }
        Column xy = col("x").multiply(col("y"));
        Map<String, Map<String, Map<String, Map<MetricKind, CovariateSums>>>> result = new TreeMap<>();
        for (Row row : longForm.groupBy("experimentId", "arm", "metric", "scope_hour")
                .agg(count(lit(1)), sum("y"), sum(col("y").multiply(col("y"))), sum("x"),
                        sum(col("x").multiply(col("x"))), sum(xy))
                .collectAsList()) {
            CovariateSums s = new CovariateSums(row.getLong(4), row.getDecimal(5).doubleValue(),
                    row.getDecimal(6).doubleValue(), row.getDecimal(7).doubleValue(), row.getDecimal(8).doubleValue(),
                    row.getDecimal(9).doubleValue());
            MetricKind kind = MetricKind.of(row.getString(2));
            Map<String, Map<String, Map<MetricKind, CovariateSums>>> scopes =
                    result.computeIfAbsent(row.getString(0), k -> new LinkedHashMap<>());
            // cumulative = every unit; hour = units assigned in the hour
            scopes.computeIfAbsent(ExperimentAnalysis.CUMULATIVE, k -> new TreeMap<>())
                    .computeIfAbsent(row.getString(1), k -> new LinkedHashMap<>())
                    .merge(kind, s, CovariateSums::plus);
            if (row.getBoolean(3)) {
                scopes.computeIfAbsent(ExperimentAnalysis.HOUR, k -> new TreeMap<>())
                        .computeIfAbsent(row.getString(1), k -> new LinkedHashMap<>())
                        .merge(kind, s, CovariateSums::plus);
            }
        }
        return result;
    }

    private static Column outcome(MetricKind kind) {
        if (kind.interaction() != null) {
            return col("post_" + kind.interaction().name());
        }
        return kind == MetricKind.CONVERSION ? when(col("conversions").gt(0), 1L).otherwise(0L)
                : col("conversion_value");
    }

    /**
     * experiment → scope → arm → serving health: {@link ExperimentAnalysis#CUMULATIVE} over every response since
     * the experiment started, {@link ExperimentAnalysis#HOUR} over the responses served in the job's hour.
     */
    private static Map<String, Map<String, Map<String, ArmGuardrail>>> guardrails(Dataset<Row> responses,
                                                                                  Map<String, long[]> experiments,
                                                                                  EventHour hour) {
        double accuracy = DdSketch.DEFAULT_RELATIVE_ACCURACY;
        UserDefinedFunction bucket = udf((UDF1<Double, Integer>) latency ->
                latency == null || latency < 0 ? null : DdSketch.bucketOf(latency, accuracy), DataTypes.IntegerType);
        Dataset<Row> inExperiments = responses.filter(col("experimentId").isin(experiments.keySet().toArray())
                        .and(col("variant").isNotNull()))
                .withColumn("in_hour", col("timestamp").geq(hour.startMillis()));
        Map<String, Map<String, Map<String, ArmGuardrail>>> result = new LinkedHashMap<>();
        for (Row row : inExperiments.groupBy("experimentId", "variant", "in_hour")
                .agg(count(lit(1)), sum(when(not(col("success")), 1L).otherwise(0L))).collectAsList()) {
            for (String scope : scopesOf(row.getBoolean(2))) {
                result.computeIfAbsent(row.getString(0), k -> new LinkedHashMap<>())
                        .computeIfAbsent(scope, k -> new TreeMap<>())
                        .merge(row.getString(1), new ArmGuardrail(row.getLong(3), row.getLong(4),
                                new DdSketch(accuracy)), ArmGuardrail::plus);
            }
        }
        for (Row row : inExperiments.withColumn("bucket", bucket.apply(col("latencyMs")))
                .filter(col("bucket").isNotNull())
                .groupBy("experimentId", "variant", "in_hour", "bucket").count().collectAsList()) {
            for (String scope : scopesOf(row.getBoolean(2))) {
                result.get(row.getString(0)).get(scope).get(row.getString(1)).latency()
                        .addToBucket(row.getInt(3), row.getLong(4));
            }
        }
        return result;
    }

    private static List<String> scopesOf(boolean inHour) {
        return inHour ? List.of(ExperimentAnalysis.CUMULATIVE, ExperimentAnalysis.HOUR)
                : List.of(ExperimentAnalysis.CUMULATIVE);
    }

    static final StructType ARMS_SCHEMA = new StructType()
            .add("experiment_id", DataTypes.StringType, false)
            .add("scope", DataTypes.StringType, false)
            .add("arm", DataTypes.StringType, false)
            .add("metric", DataTypes.StringType, false)
            .add("n", DataTypes.LongType, false)
            .add("sum", DataTypes.DoubleType, false)
            .add("sum_squares", DataTypes.DoubleType, false)
            .add("sum_covariate", DataTypes.DoubleType, false)
            .add("sum_covariate_squares", DataTypes.DoubleType, false)
            .add("sum_products", DataTypes.DoubleType, false);

    private static void writeArms(SparkSession spark,
                                  Map<String, Map<String, Map<String, Map<MetricKind, CovariateSums>>>> sums,
                                  String path) {
        List<Row> rows = new ArrayList<>();
        sums.forEach((exp, scopes) -> scopes.forEach((scope, arms) -> arms.forEach((arm, metrics) ->
                metrics.forEach((kind, s) -> rows.add(RowFactory.create(exp, scope, arm, kind.id(), s.n(), s.sumY(),
                        s.sumY2(), s.sumX(), s.sumX2(), s.sumXY()))))));
        spark.createDataFrame(rows, ARMS_SCHEMA).coalesce(1).write().mode(SaveMode.Overwrite).parquet(path);
    }

    static final StructType COMPARISONS_SCHEMA = new StructType()
            .add("experiment_id", DataTypes.StringType, false)
            .add("scope", DataTypes.StringType, false)
            .add("arm", DataTypes.StringType, false)
            .add("metric", DataTypes.StringType, false)
            .add("status", DataTypes.StringType, false)
            .add("lift", DataTypes.DoubleType, true)
            .add("lift_ci_low", DataTypes.DoubleType, true)
            .add("lift_ci_high", DataTypes.DoubleType, true)
            .add("abs_lift", DataTypes.DoubleType, true)
            .add("p_value", DataTypes.DoubleType, true)
            .add("p_value_holm", DataTypes.DoubleType, true)
            .add("p_value_bh", DataTypes.DoubleType, true)
            .add("seq_lift_ci_low", DataTypes.DoubleType, true)
            .add("seq_lift_ci_high", DataTypes.DoubleType, true)
            .add("cuped", DataTypes.BooleanType, false);

    @SuppressWarnings("unchecked")
    private static List<Row> comparisonRows(String experiment, Map<String, Object> details) {
        List<Row> rows = new ArrayList<>();
        Map<String, Object> scopes = (Map<String, Object>) details.get("scopes");
        scopes.forEach((scope, body) -> {
            for (Map<String, Object> c : (List<Map<String, Object>>) ((Map<String, Object>) body).get("comparisons")) {
                rows.add(RowFactory.create(experiment, scope, c.get("arm"), c.get("metric"), c.get("status"),
                        c.get("lift"), c.get("liftCiLow"), c.get("liftCiHigh"), c.get("absLift"), c.get("pValue"),
                        c.get("pValueHolm"), c.get("pValueBh"), c.get("seqLiftCiLow"), c.get("seqLiftCiHigh"),
                        Boolean.TRUE.equals(c.get("cuped"))));
            }
        });
        return rows;
    }
}
