package lens.trainer.als;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hyperparameters of the rating model: ALS (Spark's ALS-WR regularisation, scaled by each user's and movie's
 * rating count) on the residuals of a damped baseline {@code mu + b_user + b_movie}.
 *
 * @param rank          latent factors
 * @param regParam      ALS regularisation
 * @param maxIter       ALS iterations
 * @param biases        whether to fit the baseline first (off: plain ALS on the ratings)
 * @param userBiasReg   damping of user biases (pseudo-ratings at the global mean)
 * @param movieBiasReg  damping of movie biases
 * @param seed          ALS initialisation seed
 */
public record ExplicitParams(int rank, double regParam, int maxIter, boolean biases, double userBiasReg,
                            double movieBiasReg, long seed) {

    public ExplicitParams {
        if (rank < 1 || maxIter < 1 || regParam < 0 || userBiasReg < 0 || movieBiasReg < 0) {
            throw new IllegalArgumentException("invalid explicit ALS parameters: rank=" + rank + " maxIter=" + maxIter
                    + " regParam=" + regParam);
        }
    }

    public ExplicitParams withRankAndReg(int newRank, double newRegParam) {
        return new ExplicitParams(newRank, newRegParam, maxIter, biases, userBiasReg, movieBiasReg, seed);
    }

    public Map<String, String> describe() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("explicit.rank", Integer.toString(rank));
        params.put("explicit.regParam", Double.toString(regParam));
        params.put("explicit.maxIter", Integer.toString(maxIter));
        params.put("explicit.biases", Boolean.toString(biases));
        params.put("explicit.userBiasReg", Double.toString(userBiasReg));
        params.put("explicit.movieBiasReg", Double.toString(movieBiasReg));
        params.put("explicit.seed", Long.toString(seed));
        return params;
    }
}
