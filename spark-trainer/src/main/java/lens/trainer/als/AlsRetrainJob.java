package lens.trainer.als;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.xxhash64;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import lens.events.EventHour;
import lens.events.InteractionType;
import lens.events.LakeLayout;
import lens.trainer.eval.PopularityTable;
import lens.trainer.eval.Recommender;
import lens.trainer.eval.RegressionMetrics;
import lens.trainer.eval.UserItems;
import lens.trainer.job.JobRequest;
import lens.trainer.job.JobResult;
import lens.trainer.job.LensSparkJob;
import lens.trainer.job.PhaseTimings;
import lens.trainer.job.SessionSetting;
import lens.trainer.job.SparkJobs;
import lens.trainer.lake.LakeInputs;
import lens.trainer.model.GateDecision;
import lens.trainer.model.IdIndex;
import lens.trainer.model.ModelMetadata;
import lens.trainer.model.ModelRegistry;
import lens.trainer.model.PromotionGate;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code als-retrain}, the hourly retraining:
 * <ol>
 *   <li>reads the window's user interactions (completed hours only) and keeps the latest rating per user and movie;</li>
 *   <li>maps user and movie ids to ALS indexes through the stable index that travels with the models;</li>
 *   <li>holds out the most recent part of the window (or a per-user random share) that no model sees;</li>
 *   <li>trains the rating model (explicit ALS on bias residuals) and the ranking model (implicit ALS on decayed,
 *       weighted interactions), optionally after a grid search on a validation split;</li>
 *   <li>evaluates both on the holdout (RMSE/MAE; precision, recall, NDCG, MAP at k, coverage, popularity bias) next
 *       to a popularity baseline, and the champion on the same holdout;</li>
 *   <li>saves the challenger as a new model version; the promotion gate decides whether it becomes champion;</li>
 *   <li>writes the champion's top-N per user (popularity for users it cannot score) and the evaluation.</li>
 * </ol>
 */
public final class AlsRetrainJob implements LensSparkJob {

    public static final String RECOMMENDATIONS = "recommendations";
    /** The recommendations' column saying where a list came from ({@link Recommender.Source#label()}). */
    public static final String SOURCE = "source";
    static final String USERS_INDEX = "index/users.txt";
    static final String MOVIES_INDEX = "index/movies.txt";
    static final String EXPLICIT_DIR = "explicit";
    static final String IMPLICIT_DIR = "implicit";
    private static final String ADAPTIVE = "spark.sql.adaptive.enabled";

    @Override
    public String name() {
        return SparkJobs.ALS_RETRAIN;
    }

    /** Where the serving lists of a window go, relative to the lake root. */
    public static String recommendationsDir(EventHour window) {
        return LakeLayout.RESULTS + "/" + RECOMMENDATIONS + "/window=" + window.id();
    }

    @Override
    public JobResult run(SparkSession spark, JobRequest request) {
        AlsSettings settings = AlsSettings.from(request);
        // Without a checkpoint directory ALS ignores checkpointInterval and long lineages overflow the stack.
        spark.sparkContext().setCheckpointDir(settings.checkpointDir());
        ModelRegistry registry = ModelRegistry.forWorkDir(Path.of(request.workDir()));
        Map<String, Double> metrics = new LinkedHashMap<>();
        Map<String, Object> details = new LinkedHashMap<>();
        List<Dataset<Row>> cached = new ArrayList<>();
        try {
            // Adaptive execution re-plans every query at each shuffle, as jobs of their own: worth it for skewed
            // joins over big data, but this run's queries are small aggregations and broadcast joins, where it
            // only adds jobs (116 instead of 80 for the 100K retrain, 5 s of its 30)
            return SessionSetting.during(spark, ADAPTIVE, Boolean.toString(settings.adaptiveExecution()),
                    () -> train(spark, request, settings, registry, metrics, details, cached));
        } finally {
            cached.forEach(Dataset::unpersist);
        }
    }

    private JobResult train(SparkSession spark, JobRequest request, AlsSettings configured, ModelRegistry registry,
                            Map<String, Double> metrics, Map<String, Object> details, List<Dataset<Row>> cached) {
        AlsSettings settings = configured;
        PhaseTimings timings = new PhaseTimings();
        Dataset<Row> interactions = cache(cached, WindowData.interactions(spark, request.lakeRoot(),
                request.window(), settings.windowHours()));
        Dataset<Row> ratings = cache(cached, WindowData.latestRatings(interactions));
        // one pass gives the counts, the ids to index and the holdout's start (a Spark job each otherwise)
        WindowPairs window = WindowData.pairs(interactions, settings);
        long ratingCount = window.ratingCount();
        timings.lap("read");
        details.put("windowHours", settings.windowHours());
        details.put("interactions", window.interactionCount());
        metrics.put("ratings", (double) ratingCount);
        metrics.put("users", (double) window.ratingUsers());
        metrics.put("movies", (double) window.ratingMovies());
        if (ratingCount == 0) {
            return skipped(request, metrics, details, "no ratings in the window's completed hours");
        }

        long started = System.nanoTime();
        Optional<ModelMetadata> latest = registry.latest();
        IdIndex users = latest.map(meta -> readIndex(registry, meta, USERS_INDEX)).orElse(IdIndex.empty())
                .extendedWith(window.userIds());
        IdIndex movies = latest.map(meta -> readIndex(registry, meta, MOVIES_INDEX)).orElse(IdIndex.empty())
                .extendedWith(window.movieIds());
        Dataset<Row> userTable = IdIndexing.table(spark, users, WindowData.USER_ID, ExplicitModel.USER);
        Dataset<Row> movieTable = IdIndexing.table(spark, movies, WindowData.MOVIE_ID, ExplicitModel.ITEM);
        Dataset<Row> indexedInteractions = cache(cached, IdIndexing.indexed(interactions, userTable, movieTable));
        Dataset<Row> indexedRatings = cache(cached, IdIndexing.indexed(ratings, userTable, movieTable));

        IndexedPairs pairs = IndexedPairs.of(window, users, movies);
        long windowEnd = request.window().endMillis();
        long cutoff = window.timeCutoff(settings.holdoutFraction(), windowEnd);
        HoldoutSplit split = HoldoutSplit.of(indexedRatings, indexedInteractions, settings, windowEnd, cutoff);
        // the same cut on the driver's per-pair summary: counts and the evaluation's pairs without a Spark job
        WindowPairs.Split sides = window.split(settings.holdoutMode() == AlsSettings.HoldoutMode.TIME, cutoff);
        Dataset<Row> train = cache(cached, split.trainRatings());
        Dataset<Row> holdout = cache(cached, split.holdoutRatings());
        Dataset<Row> trainInteractions = cache(cached, split.trainInteractions());
        long trainCount = sides.count(sides::trainRating);
        metrics.put("train_ratings", (double) trainCount);
        metrics.put("holdout_ratings", (double) sides.count(sides::holdoutRating));
        timings.lap("index_and_split");
        if (trainCount == 0) {
            return skipped(request, metrics, details, "every rating of the window fell into the holdout");
        }

        if (configured.tune()) {
            Tuner.Outcome tuned = Tuner.tune(split, configured, movies.size());
            details.put("tuning", tuned.trials());
            settings = configured.withModels(tuned.explicit(), tuned.implicit());
            timings.lap("tune");
        }
        return trainAndJudge(spark, request, settings, registry, metrics, details, cached, timings,
                new Prepared(started, users, movies, pairs, sides, interactions, ratings, split, train, holdout,
                        trainInteractions));
    }

    /** The window's data, indexed and split: what training and judging work on. */
    private record Prepared(long started, IdIndex users, IdIndex movies, IndexedPairs pairs, WindowPairs.Split sides,
                            Dataset<Row> interactions, Dataset<Row> ratings, HoldoutSplit split, Dataset<Row> train,
                            Dataset<Row> holdout, Dataset<Row> trainInteractions) {
    }

    private JobResult trainAndJudge(SparkSession spark, JobRequest request, AlsSettings settings,
                                    ModelRegistry registry, Map<String, Double> metrics, Map<String, Object> details,
                                    List<Dataset<Row>> cached, PhaseTimings timings, Prepared data) {
        long started = data.started();
        HoldoutSplit split = data.split();
        Dataset<Row> train = data.train();
        Dataset<Row> trainInteractions = data.trainInteractions();
        CoRatingBudget.Decision budget = CoRatingBudget.apply(data.sides()::coRatingPairs, settings.explicit());
        if (budget.pairs() >= 0) {
            metrics.put("co_rating_pairs", (double) budget.pairs());
        }
        budget.skipped().ifPresent(reason -> details.put("explicitModel", reason));
        Dataset<Row> confidences = cache(cached, ImplicitModel.confidences(trainInteractions, settings.implicit(),
                split.trainedUntil()));
        ExplicitModel explicit;
        ALSModel implicit;
        ImplicitParams implicitParams = settings.implicit();
        try (SideBySide<ALSModel> ranking = new SideBySide<>(spark.sparkContext(), "fitting the ranking model",
                () -> ImplicitModel.fit(confidences, implicitParams))) {
            explicit = ExplicitModel.fit(train, budget.params());
            implicit = ranking.join();
        }
        timings.lap("fit");
        Trained trained = new Trained(explicit, implicit, (System.nanoTime() - started) / 1e9,
                registry.newVersion(request.window()));
        // the new version is written while it is judged: neither needs the other until the gate's decision
        try (SideBySide<Void> saving = new SideBySide<>(spark.sparkContext(), "saving model " + trained.version(),
                () -> {
                    save(registry.versionDir(trained.version()), trained, data.users(), data.movies());
                    return null;
                })) {
            return judgeAndPublish(spark, request, settings, registry, metrics, details, timings, data, trained,
                    saving);
        }
    }

    /** The fitted challenger: both models, how long training took, the version it is saved as. */
    private record Trained(ExplicitModel explicit, ALSModel implicit, double trainingSeconds, String version) {
    }

    private static void save(Path versionDir, Trained trained, IdIndex users, IdIndex movies) {
        trained.explicit().save(versionDir.resolve(EXPLICIT_DIR));
        try {
            trained.implicit().write().overwrite().save(versionDir.resolve(IMPLICIT_DIR).toUri().toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("could not save the implicit model", e);
        }
        users.write(versionDir.resolve(USERS_INDEX));
        movies.write(versionDir.resolve(MOVIES_INDEX));
    }

    private JobResult judgeAndPublish(SparkSession spark, JobRequest request, AlsSettings settings,
                                      ModelRegistry registry, Map<String, Double> metrics,
                                      Map<String, Object> details, PhaseTimings timings, Prepared data,
                                      Trained trained, SideBySide<Void> saving) {
        IdIndex users = data.users();
        IdIndex movies = data.movies();
        HoldoutSplit split = data.split();
        Dataset<Row> holdout = data.holdout();
        ExplicitModel explicit = trained.explicit();
        double trainingSeconds = trained.trainingSeconds();

        RegressionMetrics regression = evaluate(explicit.predict(holdout));
        if (regression.count() > 0) {
            metrics.put("rmse", regression.rmse());
            metrics.put("mae", regression.mae());
        }
        metrics.put("holdout_predicted", (double) regression.count());
        UserItems trainSeen = data.pairs().select(data.sides()::seenInTraining);
        PopularityTable popularity = trainSeen.popularity(movies.size());
        UserItems positives = data.pairs().select(data.sides()::positive);
        RankingEvaluator.ModelFactors challengerFactors = RankingEvaluator.ModelFactors.of(trained.implicit());
        Map<String, Double> ranking = RankingEvaluator.evaluate(challengerFactors, trainSeen, positives,
                popularity, movies.size(), settings.k());
        ranking.forEach((name, value) -> {
            if (Double.isFinite(value)) {
                metrics.put(name, value);
            }
        });
        metrics.put("k", (double) settings.k());
        metrics.put("training_seconds", trainingSeconds);
        timings.lap("evaluate");

        Optional<ModelMetadata> champion = registry.champion().flatMap(registry::metadata);
        Optional<Map<String, Double>> championMetrics = champion.flatMap(meta -> championOnSameHoldout(spark,
                registry, meta, data, positives, trainSeen, popularity, settings, details,
                new Challenger(explicit, challengerFactors)));
        Map<String, Double> challengerForGate = new LinkedHashMap<>();
        challengerForGate.put(PromotionGate.RMSE, regression.rmse());
        challengerForGate.put(PromotionGate.NDCG, ranking.get("ndcg_at_k"));
        challengerForGate.put(PromotionGate.BASELINE_NDCG, ranking.get("baseline_ndcg_at_k"));
        if (championMetrics.isPresent() && championMetrics.get().containsKey("challenger_rmse")) {
            // the champion was judged on a later slice of the holdout: compare the challenger on that slice too
            challengerForGate.put(PromotionGate.RMSE, championMetrics.get().get("challenger_rmse"));
            challengerForGate.put(PromotionGate.NDCG, championMetrics.get().get("challenger_ndcg_at_k"));
        }
        GateDecision decision = new PromotionGate(settings.gate()).decide(challengerForGate, championMetrics,
                trainingSeconds);
        timings.lap("champion");
        saving.join();
        String version = trained.version();
        Path versionDir = registry.versionDir(version);
        timings.lap("save_wait");

        Map<String, String> artifacts = new LinkedHashMap<>();
        artifacts.put("explicit", EXPLICIT_DIR);
        artifacts.put("implicit", IMPLICIT_DIR);
        artifacts.put("userIndex", USERS_INDEX);
        artifacts.put("movieIndex", MOVIES_INDEX);
        Map<String, String> params = new LinkedHashMap<>(settings.describe());
        // the weights this run fitted (or was given), so the saved model says how it mixes its parts
        params.put("explicit.blend.alsWeight", Double.toString(explicit.blend().als()));
        params.put("explicit.blend.neighbourWeight", Double.toString(explicit.blend().neighbours()));
        params.put("trainedFrom", request.window().plusHours(1L - settings.windowHours()).toString());
        registry.saveMetadata(new ModelMetadata(version, Instant.now().toString(), request.window().toString(),
                settings.windowHours(), split.trainedUntil(), params, metrics,
                fingerprint(data.ratings(), data.interactions()), artifacts));
        Optional<String> previousChampion = registry.champion();
        if (decision.promote()) {
            registry.promote(version, String.join("; ", decision.reasons()));
        }
        metrics.put("promoted", decision.promote() ? 1.0 : 0.0);

        String servingVersion = registry.champion().orElse("popularity");
        RankingEvaluator.ModelFactors servingModel = decision.promote() ? challengerFactors
                : registry.champion().map(v -> RankingEvaluator.ModelFactors.of(ALSModel.load(
                        registry.versionDir(v).resolve(IMPLICIT_DIR).toUri().toString())))
                        .orElse(RankingEvaluator.ModelFactors.NONE);
        long lists = writeRecommendations(spark, request, settings, servingModel, servingVersion,
                data.pairs().select(pair -> true), users, movies, metrics);
        metrics.put("recommended_users", (double) lists);
        writeEvaluation(spark, request, metrics);
        timings.lap("top_n");
        details.put("phaseSeconds", timings.seconds());

        details.put("modelVersion", version);
        details.put("modelPath", versionDir.toString());
        details.put("decision", decision.promote() ? "promoted" : "rejected");
        details.put("reasons", decision.reasons());
        details.put("previousChampion", previousChampion.orElse(null));
        details.put("champion", registry.champion().orElse(null));
        details.put("servingModel", servingVersion);
        details.put("trainedUntil", Instant.ofEpochMilli(split.trainedUntil()).toString());
        details.put("params", params);
        championMetrics.ifPresent(values -> details.put("championOnHoldout", values));
        return new JobResult(name(), request.window().toString(), metrics, details,
                List.of(LakeLayout.resultsDir(name(), request.window()) + "/evaluation",
                        recommendationsDir(request.window())));
    }

    /** Held-out positives for ranking: ratings at or above the threshold, and bookmarks. */
    static Dataset<Row> positives(HoldoutSplit split, double relevantRating) {
        Dataset<Row> liked = split.holdoutRatings().filter(col(WindowData.RATING).geq(relevantRating))
                .select(ExplicitModel.USER, ExplicitModel.ITEM);
        Dataset<Row> bookmarked = split.holdoutInteractions()
                .filter(col(WindowData.TYPE).equalTo(InteractionType.BOOKMARK.name()))
                .select(ExplicitModel.USER, ExplicitModel.ITEM);
        return liked.union(bookmarked).distinct();
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

    /** The models being judged, for re-scoring them on a champion's slice of the holdout. */
    private record Challenger(ExplicitModel explicit, RankingEvaluator.ModelFactors factors) {
    }

    /**
     * The champion's RMSE and NDCG@k on the holdout events it never saw: those at or after its own training end.
     * Usually that is the whole holdout (the window moves forward); if the champion trained later than this
     * challenger's cut, both are judged on the later slice (keys {@code challenger_*}). Indexes only ever grow, so
     * the champion's ids are a prefix of this run's; if they are not (a version deleted by hand) it is skipped.
     */
    private Optional<Map<String, Double>> championOnSameHoldout(SparkSession spark, ModelRegistry registry,
            ModelMetadata champion, Prepared data, UserItems positives, UserItems trainSeen,
            PopularityTable popularity, AlsSettings settings, Map<String, Object> details, Challenger challenger) {
        IdIndex users = data.users();
        IdIndex movies = data.movies();
        Path dir = registry.versionDir(champion.version());
        if (!isPrefix(readIndex(registry, champion, USERS_INDEX), users)
                || !isPrefix(readIndex(registry, champion, MOVIES_INDEX), movies)) {
            details.put("championComparison", "skipped: champion's id index is not a prefix of this run's");
            return Optional.empty();
        }
        ExplicitModel explicit = ExplicitModel.load(spark, dir.resolve(EXPLICIT_DIR));
        ALSModel implicit = ALSModel.load(dir.resolve(IMPLICIT_DIR).toUri().toString());
        Dataset<Row> judged = data.holdout();
        UserItems judgedPositives = positives;
        boolean slice = champion.trainedUntil() > data.split().trainedUntil();
        if (slice) {
            judged = judged.filter(col(WindowData.TIMESTAMP).geq(champion.trainedUntil()));
            judgedPositives = data.pairs().select(pair -> data.sides().positiveRatedFrom(pair,
                    champion.trainedUntil()));
        }
        Map<String, Double> result = new LinkedHashMap<>();
        RegressionMetrics regression = evaluate(explicit.predict(judged));
        result.put(PromotionGate.RMSE, regression.rmse());
        result.put(PromotionGate.NDCG, RankingEvaluator.evaluate(implicit, trainSeen, judgedPositives, popularity,
                movies.size(), settings.k()).get("ndcg_at_k"));
        result.put("holdout_rows", (double) regression.count());
        if (slice) {
            result.put("challenger_rmse", evaluate(challenger.explicit().predict(judged)).rmse());
            result.put("challenger_ndcg_at_k", RankingEvaluator.evaluate(challenger.factors(), trainSeen,
                    judgedPositives, popularity, movies.size(), settings.k()).get("ndcg_at_k"));
        }
        details.put("championComparison", slice
                ? "champion trained until " + Instant.ofEpochMilli(champion.trainedUntil())
                        + ", after this holdout's start: both judged on the later slice"
                : "both judged on the whole holdout");
        details.put("championVersion", champion.version());
        return Optional.of(result);
    }

    /**
     * Writes every window user's top-n list (userId, rank, movieId, score, source, modelVersion), best first, and
     * returns how many users got one. Lists are made on the driver from the model's factors ({@link Recommender}):
     * the seen pairs and factors are small, and the output is users x n rows.
     */
    private long writeRecommendations(SparkSession spark, JobRequest request, AlsSettings settings,
                                      RankingEvaluator.ModelFactors model, String version, UserItems seen,
                                      IdIndex users, IdIndex movies, Map<String, Double> metrics) {
        // serving ranks by what is popular over the whole window, holdout included: it is the freshest signal
        PopularityTable popularity = seen.popularity(movies.size());
        Recommender recommender = model.recommender(popularity);
        int[] targets = IntStream.range(0, seen.userBound()).filter(seen::has).toArray();
        Recommender.Recommendation[] lists = new Recommender.Recommendation[targets.length];
        IntStream.range(0, targets.length).parallel().forEach(i ->
                lists[i] = recommender.recommend(targets[i], seen.itemsOf(targets[i]), settings.topN()));
        Integer[] byUserId = IntStream.range(0, targets.length).boxed().toArray(Integer[]::new);
        Arrays.sort(byUserId, Comparator.comparingLong(i -> users.idAt(targets[i])));
        List<Row> rows = new ArrayList<>();
        BitSet listedMovies = new BitSet();
        long fallbackUsers = 0;
        for (int i : byUserId) {
            Recommender.Recommendation list = lists[i];
            fallbackUsers += list.source() == Recommender.Source.POPULARITY ? 1 : 0;
            for (int r = 0; r < list.items().length; r++) {
                listedMovies.set(list.items()[r]);
                rows.add(RowFactory.create(users.idAt(targets[i]), r + 1, movies.idAt(list.items()[r]),
                        (double) list.scores()[r], list.source().label(), version));
            }
        }
        StructType schema = new StructType()
                .add(WindowData.USER_ID, DataTypes.LongType, false)
                .add("rank", DataTypes.IntegerType, false)
                .add(WindowData.MOVIE_ID, DataTypes.LongType, false)
                .add("score", DataTypes.DoubleType, false)
                .add(SOURCE, DataTypes.StringType, false)
                .add("modelVersion", DataTypes.StringType, false);
        String dir = LakeInputs.path(request.lakeRoot(), recommendationsDir(request.window())).toString();
        spark.createDataFrame(rows, schema).write().mode("overwrite").parquet(dir);
        metrics.put("topn_coverage", listedMovies.cardinality() / (double) Math.max(1, movies.size()));
        metrics.put("topn_fallback_users", (double) fallbackUsers);
        return targets.length;
    }

    private JobResult skipped(JobRequest request, Map<String, Double> metrics, Map<String, Object> details,
                              String reason) {
        details.put("decision", "skipped");
        details.put("reasons", List.of(reason));
        return new JobResult(name(), request.window().toString(), metrics, details, List.of());
    }

    private static IdIndex readIndex(ModelRegistry registry, ModelMetadata meta, String file) {
        return IdIndex.read(registry.versionDir(meta.version()).resolve(file));
    }

    private static boolean isPrefix(IdIndex older, IdIndex newer) {
        if (older.size() > newer.size()) {
            return false;
        }
        for (int i = 0; i < older.size(); i++) {
            if (older.idAt(i) != newer.idAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static Dataset<Row> cache(List<Dataset<Row>> cached, Dataset<Row> dataset) {
        Dataset<Row> result = dataset.cache();
        cached.add(result);
        return result;
    }

    private static String fingerprint(Dataset<Row> ratings, Dataset<Row> interactions) {
        Row r = ratings.agg(count(lit(1)), sum(xxhash64(col(WindowData.USER_ID), col(WindowData.MOVIE_ID),
                col(WindowData.RATING), col(WindowData.TIMESTAMP)).cast("decimal(38,0)"))).first();
        Row i = interactions.agg(count(lit(1)), sum(xxhash64(col("eventId")).cast("decimal(38,0)"))).first();
        return "ratings=" + r.getLong(0) + ":" + r.get(1) + ";interactions=" + i.getLong(0) + ":" + i.get(1);
    }

    private static void writeEvaluation(SparkSession spark, JobRequest request, Map<String, Double> metrics) {
        List<Row> rows = new ArrayList<>();
        metrics.forEach((name, value) -> rows.add(RowFactory.create(modelOf(name), name, value)));
        StructType schema = new StructType()
                .add("model", DataTypes.StringType, false)
                .add("metric", DataTypes.StringType, false)
                .add("value", DataTypes.DoubleType, false);
        String dir = LakeInputs.path(request.lakeRoot(), LakeLayout.resultsDir(SparkJobs.ALS_RETRAIN,
                request.window())).toString();
        spark.createDataFrame(rows, schema).coalesce(1).write().mode("overwrite").parquet(dir + "/evaluation");
    }

    private static String modelOf(String metric) {
        if (metric.equals("rmse") || metric.equals("mae") || metric.equals("holdout_predicted")) {
            return "explicit";
        }
        if (metric.startsWith("baseline_")) {
            return "popularity";
        }
        if (metric.endsWith("_at_k") || metric.equals("coverage") || metric.equals("popularity_bias")
                || metric.equals("users_judged") || metric.equals("ndcg_lift") || metric.startsWith("topn_")) {
            return "implicit";
        }
        return "run";
    }
}
