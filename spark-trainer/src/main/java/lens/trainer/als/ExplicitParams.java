package lens.trainer.als;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hyperparameters of the rating model: a damped baseline {@code mu + b_user + b_movie}, then ALS (Spark's ALS-WR
 * regularisation, scaled by each user's and movie's rating count) and an item-item neighbourhood model on its
 * residuals, blended.
 *
 * @param rank                    latent factors
 * @param regParam                ALS regularisation
 * @param maxIter                 ALS iterations
 * @param biases                  whether to fit the baseline first (off: plain ALS on the ratings)
 * @param userBiasReg             damping of user biases (pseudo-ratings at the global mean)
 * @param movieBiasReg            damping of movie biases
 * @param neighbours              movies a neighbourhood prediction averages over (0: ALS alone, no blend)
 * @param similarityShrinkage     pseudo-count shrinking item-item similarities with few common raters
 * @param similaritiesPerMovie    strongest similarities kept per movie (0: all): bounds the prediction join on
 *                                large catalogs, at the price of ignoring weaker neighbours a user rated
 * @param maxCoRatingPairs        budget of the similarities' pass over co-rating pairs (sum over users of
 *                                n(n-1)/2), made on the driver; a window above it trains ALS alone (0: no budget),
 *                                see {@link CoRatingBudget}
 * @param blendValidationFraction share of the training ratings the blend weights are fitted on (parts trained on
 *                                the rest), when {@code fixedBlend} is null
 * @param fixedBlend              blend weights given a priori, or null to fit them on the validation share
 * @param blocks                  ALS user and item blocks (0: the Spark context's default parallelism), see
 *                                {@link AlsBlocks}
 * @param seed                    ALS initialisation and validation split seed
 */
public record ExplicitParams(int rank, double regParam, int maxIter, boolean biases, double userBiasReg,
                             double movieBiasReg, int neighbours, double similarityShrinkage, int similaritiesPerMovie,
                             long maxCoRatingPairs, double blendValidationFraction, BlendWeights fixedBlend,
                             int blocks, long seed) {

    public ExplicitParams {
        if (rank < 1 || maxIter < 1 || regParam < 0 || userBiasReg < 0 || movieBiasReg < 0) {
            throw new IllegalArgumentException("invalid explicit ALS parameters: rank=" + rank + " maxIter=" + maxIter
                    + " regParam=" + regParam);
        }
        if (blocks < 0) {
            throw new IllegalArgumentException("als.blocks must be 0 (automatic) or positive, got " + blocks);
        }
        if (neighbours < 0 || similarityShrinkage < 0 || similaritiesPerMovie < 0 || maxCoRatingPairs < 0) {
            throw new IllegalArgumentException("invalid neighbourhood parameters: neighbours=" + neighbours
                    + " similarityShrinkage=" + similarityShrinkage);
        }
        if (neighbours > 0 && fixedBlend == null && (blendValidationFraction <= 0 || blendValidationFraction >= 1)) {
            throw new IllegalArgumentException("explicit.blend.validationFraction must be in (0, 1) when the blend "
                    + "weights are fitted, got " + blendValidationFraction);
        }
    }

    public ExplicitParams withRankAndReg(int newRank, double newRegParam) {
        return new ExplicitParams(newRank, newRegParam, maxIter, biases, userBiasReg, movieBiasReg, neighbours,
                similarityShrinkage, similaritiesPerMovie, maxCoRatingPairs, blendValidationFraction, fixedBlend,
                blocks, seed);
    }

    /** The same model with its blend weights fitted on a validation share rather than given. */
    public ExplicitParams withFittedBlend() {
        return new ExplicitParams(rank, regParam, maxIter, biases, userBiasReg, movieBiasReg, neighbours,
                similarityShrinkage, similaritiesPerMovie, maxCoRatingPairs, blendValidationFraction, null, blocks,
                seed);
    }

    /** The same model without its neighbourhood part: biases and ALS alone. */
    public ExplicitParams withoutNeighbours() {
        return new ExplicitParams(rank, regParam, maxIter, biases, userBiasReg, movieBiasReg, 0, similarityShrinkage,
                similaritiesPerMovie, maxCoRatingPairs, blendValidationFraction, fixedBlend, blocks, seed);
    }

    public Map<String, String> describe() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("explicit.rank", Integer.toString(rank));
        params.put("explicit.regParam", Double.toString(regParam));
        params.put("explicit.maxIter", Integer.toString(maxIter));
        params.put("explicit.biases", Boolean.toString(biases));
        params.put("explicit.userBiasReg", Double.toString(userBiasReg));
        params.put("explicit.movieBiasReg", Double.toString(movieBiasReg));
        params.put("explicit.neighbours", Integer.toString(neighbours));
        if (neighbours > 0) {
            params.put("explicit.similarityShrinkage", Double.toString(similarityShrinkage));
            params.put("explicit.similaritiesPerMovie", Integer.toString(similaritiesPerMovie));
            params.put("explicit.maxCoRatingPairs", Long.toString(maxCoRatingPairs));
            params.put("explicit.blend.weights", fixedBlend == null ? "fit"
                    : fixedBlend.als() + "," + fixedBlend.neighbours());
            if (fixedBlend == null) {
                params.put("explicit.blend.validationFraction", Double.toString(blendValidationFraction));
            }
        }
        params.put("als.blocks", blocks == 0 ? "auto" : Integer.toString(blocks));
        params.put("explicit.seed", Long.toString(seed));
        return params;
    }
}
