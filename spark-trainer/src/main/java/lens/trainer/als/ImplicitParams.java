package lens.trainer.als;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ranking model: implicit-feedback ALS (Hu, Koren, Volinsky) on one confidence value per user and movie,
 * the decayed, weighted sum of that user's interactions with it.
 *
 * @param rank              latent factors
 * @param regParam          regularisation
 * @param alpha             confidence scaling: c = 1 + alpha * scale(r)
 * @param maxIter           iterations
 * @param weights           per interaction type (VIEW, CLICK, RATE, BOOKMARK, SEARCH) weight
 * @param halfLifeHours     an interaction counts half as much this many hours before the window's end (0: no decay)
 * @param rateExponent      a rating counts {@code weight(RATE) * (stars / 5)^rateExponent} (0: stars ignored)
 * @param confidence        how the strength r becomes the confidence (linear or log)
 * @param blocks            ALS user and item blocks (0: the Spark context's default parallelism)
 * @param seed              initialisation seed
 */
public record ImplicitParams(int rank, double regParam, double alpha, int maxIter, Map<String, Double> weights,
                            double halfLifeHours, double rateExponent, ConfidenceScale confidence, int blocks,
                            long seed) {

    public static final Map<String, Double> DEFAULT_WEIGHTS = Map.of(
            "VIEW", 1.0, "CLICK", 2.0, "SEARCH", 1.5, "BOOKMARK", 4.0, "RATE", 5.0);

    public ImplicitParams {
        if (rank < 1 || maxIter < 1 || regParam < 0 || alpha < 0 || halfLifeHours < 0 || rateExponent < 0
                || confidence == null || blocks < 0) {
            throw new IllegalArgumentException("invalid implicit ALS parameters: rank=" + rank + " alpha=" + alpha
                    + " rateExponent=" + rateExponent + " confidence=" + confidence);
        }
        weights = Map.copyOf(weights);
    }

    public double weight(String interactionType) {
        return weights.getOrDefault(interactionType, 0.0);
    }

    public ImplicitParams withRankRegAlpha(int newRank, double newRegParam, double newAlpha) {
        return new ImplicitParams(newRank, newRegParam, newAlpha, maxIter, weights, halfLifeHours, rateExponent,
                confidence, blocks, seed);
    }

    public Map<String, String> describe() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("implicit.rank", Integer.toString(rank));
        params.put("implicit.regParam", Double.toString(regParam));
        params.put("implicit.alpha", Double.toString(alpha));
        params.put("implicit.maxIter", Integer.toString(maxIter));
        params.put("implicit.confidence", confidence.describe());
        params.put("implicit.epsilon", Double.toString(confidence.epsilon()));
        new java.util.TreeMap<>(weights).forEach((type, weight) ->
                params.put("implicit.weight." + type.toLowerCase(java.util.Locale.ROOT), Double.toString(weight)));
        params.put("implicit.rate.exponent", Double.toString(rateExponent));
        params.put("implicit.halfLifeHours", Double.toString(halfLifeHours));
        params.put("implicit.seed", Long.toString(seed));
        return params;
    }
}
