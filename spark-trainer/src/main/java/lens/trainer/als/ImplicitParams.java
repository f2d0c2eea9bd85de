package lens.trainer.als;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ranking model: implicit-feedback ALS (Hu, Koren, Volinsky) on one confidence value per user and movie,
 * the decayed, weighted sum of that user's interactions with it.
 *
 * @param rank              latent factors
 * @param regParam          regularisation
 * @param alpha             confidence scaling: c = 1 + alpha * r
 * @param maxIter           iterations
 * @param weights           per interaction type (VIEW, CLICK, RATE, BOOKMARK, SEARCH) weight
 * @param halfLifeHours     an interaction counts half as much this many hours before the window's end (0: no decay)
 * @param seed              initialisation seed
 */
public record ImplicitParams(int rank, double regParam, double alpha, int maxIter, Map<String, Double> weights,
                            double halfLifeHours, long seed) {

    public static final Map<String, Double> DEFAULT_WEIGHTS = Map.of(
            "VIEW", 1.0, "CLICK", 2.0, "SEARCH", 1.5, "BOOKMARK", 4.0, "RATE", 5.0);

    public ImplicitParams {
        if (rank < 1 || maxIter < 1 || regParam < 0 || alpha < 0 || halfLifeHours < 0) {
            throw new IllegalArgumentException("invalid implicit ALS parameters: rank=" + rank + " alpha=" + alpha);
        }
        weights = Map.copyOf(weights);
    }

    public double weight(String interactionType) {
        return weights.getOrDefault(interactionType, 0.0);
    }

    public ImplicitParams withRankRegAlpha(int newRank, double newRegParam, double newAlpha) {
        return new ImplicitParams(newRank, newRegParam, newAlpha, maxIter, weights, halfLifeHours, seed);
    }

    public Map<String, String> describe() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("implicit.rank", Integer.toString(rank));
        params.put("implicit.regParam", Double.toString(regParam));
        params.put("implicit.alpha", Double.toString(alpha));
        params.put("implicit.maxIter", Integer.toString(maxIter));
        new java.util.TreeMap<>(weights).forEach((type, weight) ->
                params.put("implicit.weight." + type.toLowerCase(java.util.Locale.ROOT), Double.toString(weight)));
        params.put("implicit.halfLifeHours", Double.toString(halfLifeHours));
        params.put("implicit.seed", Long.toString(seed));
        return params;
    }
}
