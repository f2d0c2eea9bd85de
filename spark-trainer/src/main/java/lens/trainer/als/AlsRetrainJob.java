package lens.trainer.als;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.sum;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lens.events.LakeLayout;
import lens.trainer.eval.RegressionMetrics;
import lens.trainer.job.JobRequest;
import lens.trainer.job.JobResult;
import lens.trainer.job.LensSparkJob;
import lens.trainer.job.SparkJobs;
import lens.trainer.lake.LakeInputs;
import lens.trainer.model.GateDecision;
import lens.trainer.model.IdIndex;
import lens.trainer.model.ModelMetadata;
import lens.trainer.model.ModelRegistry;
import lens.trainer.model.PromotionGate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code als-retrain}: reads the window's user interactions (completed hours only), trains the rating model on
 * the ratings (latest rating per user and movie wins), evaluates it on a holdout it never saw, saves it as a new
 * model version (the challenger), lets the promotion gate decide whether it becomes champion, and writes the
 * evaluation under {@code <lake>/results/als-retrain/window=<hour>/}.
 */
public final class AlsRetrainJob implements LensSparkJob {

    static final String USERS_INDEX = "index/users.txt";
    static final String MOVIES_INDEX = "index/movies.txt";
    static final String EXPLICIT_DIR = "explicit";

    @Override
    public String name() {
        return SparkJobs.ALS_RETRAIN;
    }

    @Override
    public JobResult run(SparkSession spark, JobRequest request) {
        AlsSettings settings = AlsSettings.from(request);
        spark.sparkContext().setCheckpointDir(settings.checkpointDir());
        ModelRegistry registry = ModelRegistry.forWorkDir(Path.of(request.workDir()));
        String resultsDir = LakeInputs.path(request.lakeRoot(),
                LakeLayout.resultsDir(name(), request.window())).toString();

        Dataset<Row> interactions = WindowData.interactions(spark, request.lakeRoot(), request.window(),
                settings.windowHours()).cache();
        Dataset<Row> ratings = WindowData.latestRatings(interactions).cache();
        long ratingCount = ratings.count();
        Map<String, Double> metrics = new LinkedHashMap<>();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("windowHours", settings.windowHours());
        details.put("interactions", interactions.count());
        metrics.put("ratings", (double) ratingCount);
        if (ratingCount == 0) {
            metrics.put("users", 0.0);
            metrics.put("movies", 0.0);
            details.put("decision", "skipped");
            details.put("reasons", List.of("no ratings in the window's completed hours"));
            interactions.unpersist();
            ratings.unpersist();
            return new JobResult(name(), request.window().toString(), metrics, details, List.of());
        }

        long started = System.nanoTime();
        IdIndex previousUsers = registry.latest()
                .map(meta -> IdIndex.read(registry.versionDir(meta.version()).resolve(USERS_INDEX)))
                .orElse(IdIndex.empty());
        IdIndex previousMovies = registry.latest()
                .map(meta -> IdIndex.read(registry.versionDir(meta.version()).resolve(MOVIES_INDEX)))
                .orElse(IdIndex.empty());
        IdIndex users = IdIndexing.extend(previousUsers, interactions, WindowData.USER_ID);
        IdIndex movies = IdIndexing.extend(previousMovies, interactions, WindowData.MOVIE_ID);
        Dataset<Row> userTable = IdIndexing.table(spark, users, WindowData.USER_ID, ExplicitModel.USER);
        Dataset<Row> movieTable = IdIndexing.table(spark, movies, WindowData.MOVIE_ID, ExplicitModel.ITEM);
        Dataset<Row> indexedRatings = IdIndexing.indexed(ratings, userTable, movieTable).cache();

        HoldoutSplit split = HoldoutSplit.of(indexedRatings, interactions, settings,
                request.window().endMillis());
        Dataset<Row> train = split.trainRatings().cache();
        Dataset<Row> holdout = split.holdoutRatings().cache();
        long trainCount = train.count();
        long holdoutCount = holdout.count();
        metrics.put("users", (double) ratings.select(WindowData.USER_ID).distinct().count());
        metrics.put("movies", (double) ratings.select(WindowData.MOVIE_ID).distinct().count());
        metrics.put("train_ratings", (double) trainCount);
        metrics.put("holdout_ratings", (double) holdoutCount);
        if (trainCount == 0) {
            details.put("decision", "skipped");
            details.put("reasons", List.of("every rating of the window fell into the holdout; nothing to train on"));
            return new JobResult(name(), request.window().toString(), metrics, details, List.of());
        }

        ExplicitModel explicit = ExplicitModel.fit(train, settings.explicit());
        double trainingSeconds = (System.nanoTime() - started) / 1e9;
        RegressionMetrics regression = evaluate(explicit.predict(holdout));
        if (regression.count() > 0) {
            metrics.put("rmse", regression.rmse());
            metrics.put("mae", regression.mae());
        }
        metrics.put("holdout_predicted", (double) regression.count());
        metrics.put("training_seconds", trainingSeconds);

        String version = registry.newVersion(request.window());
        Path versionDir = registry.versionDir(version);
        explicit.save(versionDir.resolve(EXPLICIT_DIR));
        users.write(versionDir.resolve(USERS_INDEX));
        movies.write(versionDir.resolve(MOVIES_INDEX));

        Map<String, Double> gateMetrics = new LinkedHashMap<>();
        if (regression.count() > 0) {
            gateMetrics.put(PromotionGate.RMSE, regression.rmse());
        } else {
            gateMetrics.put(PromotionGate.RMSE, Double.NaN);
        }
        Optional<Map<String, Double>> championMetrics = championOnSameHoldout(spark, registry, holdout);
        GateDecision decision = new PromotionGate(settings.gate()).decide(gateMetrics, championMetrics,
                trainingSeconds);

        Map<String, String> artifacts = new LinkedHashMap<>();
        artifacts.put("explicit", EXPLICIT_DIR);
        artifacts.put("userIndex", USERS_INDEX);
        artifacts.put("movieIndex", MOVIES_INDEX);
        registry.saveMetadata(new ModelMetadata(version, Instant.now().toString(), request.window().toString(),
                settings.windowHours(), split.trainedUntil(), settings.describe(), metrics,
                fingerprint(ratings), artifacts));
        Optional<String> previousChampion = registry.champion();
        if (decision.promote()) {
            registry.promote(version, String.join("; ", decision.reasons()));
        }
        metrics.put("promoted", decision.promote() ? 1.0 : 0.0);

        writeEvaluation(spark, resultsDir, metrics);
        details.put("modelVersion", version);
        details.put("modelPath", versionDir.toString());
        details.put("decision", decision.promote() ? "promoted" : "rejected");
        details.put("reasons", decision.reasons());
        details.put("previousChampion", previousChampion.orElse(null));
        details.put("champion", registry.champion().orElse(null));
        details.put("trainedUntil", Instant.ofEpochMilli(split.trainedUntil()).toString());
        details.put("params", settings.describe());
        championMetrics.ifPresent(champion -> details.put("championOnHoldout", champion));

        for (Dataset<Row> cached : List.of(interactions, ratings, indexedRatings, train, holdout)) {
            cached.unpersist();
        }
        return new JobResult(name(), request.window().toString(), metrics, details,
                List.of(LakeLayout.resultsDir(name(), request.window()) + "/evaluation"));
    }

    /** RMSE and MAE of {@code prediction} against {@code rating}, aggregated in Spark. */
    static RegressionMetrics evaluate(Dataset<Row> predictions) {
        Row sums = predictions
                .agg(count(lit(1)),
                        sum(pow(col(ExplicitModel.PREDICTION).minus(col(ExplicitModel.RATING)), 2)),
                        sum(abs(col(ExplicitModel.PREDICTION).minus(col(ExplicitModel.RATING)))))
                .first();
        long n = sums.getLong(0);
        return n == 0 ? new RegressionMetrics(0, 0, 0) : new RegressionMetrics(n, sums.getDouble(1), sums.getDouble(2));
    }

    /** The champion's RMSE on the holdout rows it never saw (events at or after its own training end). */
    private Optional<Map<String, Double>> championOnSameHoldout(SparkSession spark, ModelRegistry registry,
                                                                 Dataset<Row> holdout) {
        Optional<String> champion = registry.champion();
        if (champion.isEmpty()) {
            return Optional.empty();
        }
        ModelMetadata meta = registry.metadata(champion.get()).orElseThrow();
        ExplicitModel model = ExplicitModel.load(spark, registry.versionDir(meta.version()).resolve(EXPLICIT_DIR));
        RegressionMetrics championRegression = evaluate(model.predict(holdout));
        Map<String, Double> result = new LinkedHashMap<>();
        result.put(PromotionGate.RMSE, championRegression.count() == 0 ? Double.NaN : championRegression.rmse());
        return Optional.of(result);
    }

    private static String fingerprint(Dataset<Row> ratings) {
        Row row = ratings.agg(count(lit(1)), sum(org.apache.spark.sql.functions.xxhash64(
                col(WindowData.USER_ID), col(WindowData.MOVIE_ID), col(WindowData.RATING),
                col(WindowData.TIMESTAMP)).cast("decimal(38,0)"))).first();
        return "ratings=" + row.getLong(0) + ";xxhash64sum=" + row.get(1);
    }

    private static void writeEvaluation(SparkSession spark, String resultsDir, Map<String, Double> metrics) {
        List<Row> rows = new ArrayList<>();
        metrics.forEach((name, value) -> rows.add(RowFactory.create("explicit", name, value)));
        StructType schema = new StructType()
                .add("model", DataTypes.StringType, false)
                .add("metric", DataTypes.StringType, false)
                .add("value", DataTypes.DoubleType, false);
        spark.createDataFrame(rows, schema).coalesce(1).write().mode("overwrite").parquet(resultsDir + "/evaluation");
    }
}
