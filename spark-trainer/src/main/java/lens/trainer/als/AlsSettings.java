package lens.trainer.als;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import lens.events.InteractionType;
import lens.trainer.job.JobRequest;
import lens.trainer.model.GatePolicy;

/**
 * Everything {@code als-retrain} can be told through job options ({@code --option key=value}), with defaults.
 *
 * <pre>
 * window.hours=720                  hours of completed data the run reads, ending with the job's hour
 * holdout.mode=time|user-random     time: the most recent part of the window; user-random: a seeded share per user
 * holdout.fraction=0.2              share of ratings / interactions held out
 * explicit.rank=40 explicit.regParam=0.13 explicit.maxIter=15 explicit.biases=true
 * explicit.userBiasReg=3 explicit.movieBiasReg=5     (tuned on MovieLens 100K fold u1)
 * explicit.neighbours=40 explicit.similarityShrinkage=100   item-item neighbourhood model blended with ALS (0: off)
 * explicit.similaritiesPerMovie=100   keep only the strongest N similarities per movie (0: all)
 * explicit.maxCoRatingPairs=100000000   above this many co-rating pairs the window trains ALS alone (0: no limit)
 * als.blocks=0   user and item blocks of both ALS fits (0: the Spark context's default parallelism)
 * explicit.blend.weights=0.77,0.37|fit   fixed blend (the MovieLens folds' mean), or fitted on a validation share
 * explicit.blend.validationFraction=0.1   that share, when fitted (tune=true always fits the blend)
 * implicit.rank=40 implicit.regParam=0.3 implicit.alpha=1 implicit.maxIter=10   (MovieLens 100K, README)
 * implicit.weight.view|click|search|bookmark|rate=..   implicit.halfLifeHours=168
 * implicit.rate.exponent=2           a rating counts weight.rate * (stars / 5)^exponent: low ratings count little
 * implicit.confidence=linear|log implicit.epsilon=1   c = 1 + alpha * r, or c = 1 + alpha * log(1 + r / epsilon)
 * eval.k=10  eval.relevantRating=4.0                  ranking cut-off and what counts as a held-out positive
 * topn.n=20                          recommendations per user written for serving
 * gate.rmseTolerance=0.01 gate.rankingTolerance=0.05 gate.minBaselineLift=1.0 gate.timeBudgetSeconds=3600
 * tune=false  tune.ranks=10,20,40  tune.regParams=0.05,0.1,0.2  tune.alphas=1,5   small grid on a validation split
 * checkpoint.dir=&lt;workDir&gt;/checkpoints/als   seed=42
 * spark.adaptive=false               Spark's adaptive query execution during the run (see AlsRetrainJob)
 * </pre>
 */
public record AlsSettings(int windowHours, HoldoutMode holdoutMode, double holdoutFraction, ExplicitParams explicit,
                          ImplicitParams implicit, int k, double relevantRating, int topN, GatePolicy gate,
                          boolean tune, double[] tuneRanks, double[] tuneRegParams, double[] tuneAlphas,
                          String checkpointDir, long seed, boolean adaptiveExecution) {

    public enum HoldoutMode { TIME, USER_RANDOM }

    public static AlsSettings from(JobRequest request) {
        long seed = request.intOption("seed", 42);
        ExplicitParams explicit = new ExplicitParams(
                request.intOption("explicit.rank", 40),
                request.doubleOption("explicit.regParam", 0.13),
                request.intOption("explicit.maxIter", 15),
                request.booleanOption("explicit.biases", true),
                request.doubleOption("explicit.userBiasReg", 3),
                request.doubleOption("explicit.movieBiasReg", 5),
                request.intOption("explicit.neighbours", 40),
                request.doubleOption("explicit.similarityShrinkage", 100),
                request.intOption("explicit.similaritiesPerMovie", 100),
                request.longOption("explicit.maxCoRatingPairs", CoRatingBudget.DEFAULT_MAX_PAIRS),
                request.doubleOption("explicit.blend.validationFraction", 0.1),
                blendWeights(request.option("explicit.blend.weights", "0.77,0.37")),
                request.intOption("als.blocks", 0),
                seed);
        Map<String, Double> weights = new LinkedHashMap<>();
        for (InteractionType type : InteractionType.values()) {
            String key = "implicit.weight." + type.name().toLowerCase(Locale.ROOT);
            weights.put(type.name(), request.doubleOption(key, ImplicitParams.DEFAULT_WEIGHTS.get(type.name())));
        }
        ImplicitParams implicit = new ImplicitParams(
                request.intOption("implicit.rank", 40),
                request.doubleOption("implicit.regParam", 0.3),
                request.doubleOption("implicit.alpha", 1.0),
                request.intOption("implicit.maxIter", 10),
                weights,
                request.doubleOption("implicit.halfLifeHours", 168),
                request.doubleOption("implicit.rate.exponent", 2.0),
                ConfidenceScale.parse(request.option("implicit.confidence", "linear"),
                        request.doubleOption("implicit.epsilon", 1.0)),
                request.intOption("als.blocks", 0),
                seed);
        GatePolicy gate = new GatePolicy(
                request.doubleOption("gate.rmseTolerance", 0.01),
                request.doubleOption("gate.rankingTolerance", 0.05),
                request.doubleOption("gate.minBaselineLift", 1.0),
                request.doubleOption("gate.timeBudgetSeconds", 3600));
        String mode = request.option("holdout.mode", "time").trim().toLowerCase(Locale.ROOT);
        HoldoutMode holdoutMode = switch (mode) {
            case "time" -> HoldoutMode.TIME;
            case "user-random" -> HoldoutMode.USER_RANDOM;
            default -> throw new IllegalArgumentException("holdout.mode must be time or user-random, got " + mode);
        };
        double fraction = request.doubleOption("holdout.fraction", 0.2);
        if (fraction <= 0 || fraction >= 1) {
            throw new IllegalArgumentException("holdout.fraction must be in (0, 1), got " + fraction);
        }
        int windowHours = request.intOption("window.hours", 720);
        if (windowHours < 1) {
            throw new IllegalArgumentException("window.hours must be positive, got " + windowHours);
        }
        int k = request.intOption("eval.k", 10);
        int topN = request.intOption("topn.n", 20);
        if (k < 1 || topN < 1) {
            throw new IllegalArgumentException("eval.k and topn.n must be positive");
        }
        String checkpoint = request.option("checkpoint.dir",
                java.nio.file.Path.of(request.workDir()).toAbsolutePath().resolve("checkpoints/als").toUri().toString());
        return new AlsSettings(windowHours, holdoutMode, fraction, explicit, implicit, k,
                request.doubleOption("eval.relevantRating", 4.0), topN, gate,
                request.booleanOption("tune", false),
                list(request.option("tune.ranks", "10,20,40")),
                list(request.option("tune.regParams", "0.05,0.1,0.2")),
                list(request.option("tune.alphas", "1,5")),
                checkpoint, seed, request.booleanOption("spark.adaptive", false));
    }

    public Map<String, String> describe() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("window.hours", Integer.toString(windowHours));
        params.put("holdout.mode", holdoutMode.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        params.put("holdout.fraction", Double.toString(holdoutFraction));
        params.putAll(explicit.describe());
        params.putAll(implicit.describe());
        params.put("eval.k", Integer.toString(k));
        params.put("eval.relevantRating", Double.toString(relevantRating));
        params.put("topn.n", Integer.toString(topN));
        params.put("tune", Boolean.toString(tune));
        params.put("spark.adaptive", Boolean.toString(adaptiveExecution));
        return params;
    }

    public AlsSettings withModels(ExplicitParams newExplicit, ImplicitParams newImplicit) {
        return new AlsSettings(windowHours, holdoutMode, holdoutFraction, newExplicit, newImplicit, k, relevantRating,
                topN, gate, tune, tuneRanks, tuneRegParams, tuneAlphas, checkpointDir, seed, adaptiveExecution);
    }

    /** The tuning split's settings: the same cut under another seed, and no tuning of its own. */
    public AlsSettings forValidation() {
        return new AlsSettings(windowHours, holdoutMode, holdoutFraction, explicit, implicit, k, relevantRating,
                topN, gate, false, tuneRanks, tuneRegParams, tuneAlphas, checkpointDir, seed + 1, adaptiveExecution);
    }

    /** "fit" (on a validation share) or "als,neighbours", e.g. "0.6,0.5". */
    private static BlendWeights blendWeights(String value) {
        if (value.trim().equalsIgnoreCase("fit")) {
            return null;
        }
        double[] weights = list(value);
        if (weights.length != 2) {
            throw new IllegalArgumentException("explicit.blend.weights must be fit or two numbers, got " + value);
        }
        return new BlendWeights(weights[0], weights[1]);
    }

    private static double[] list(String csv) {
        return java.util.Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .mapToDouble(Double::parseDouble).toArray();
    }
}
