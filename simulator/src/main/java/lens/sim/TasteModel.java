package lens.sim;

import java.util.SplittableRandom;

/**
 * Users and movies with planted low-rank tastes: expected rating = mean + user bias + movie bias + u·v.
 * Movie popularity follows a Zipf-like curve, so implicit behaviour is both popular and personal.
 */
final class TasteModel {

    static final double GLOBAL_MEAN = 3.6;

    private final double[][] userFactors;
    private final double[][] movieFactors;
    private final double[] userBias;
    private final double[] movieBias;
    private final double[] popularityCdf;
    private final int[][] topMovies;

    TasteModel(int users, int movies, int rank, SplittableRandom random) {
        double scale = 1.0 / Math.sqrt(rank);
        userFactors = gaussianMatrix(users, rank, scale, random);
        movieFactors = gaussianMatrix(movies, rank, scale * 1.2, random);
        userBias = gaussianVector(users, 0.3, random);
        movieBias = gaussianVector(movies, 0.4, random);
        topMovies = new int[users][];
        popularityCdf = new double[movies];
        double total = 0;
        for (int m = 0; m < movies; m++) {
            total += 1.0 / Math.pow(m + 10, 0.9);
            popularityCdf[m] = total;
        }
        for (int m = 0; m < movies; m++) {
            popularityCdf[m] /= total;
        }
    }

    double affinity(int user, int movie) {
        double dot = 0;
        for (int k = 0; k < userFactors[user].length; k++) {
            dot += userFactors[user][k] * movieFactors[movie][k];
        }
        return dot;
    }

    double expectedRating(int user, int movie) {
        return GLOBAL_MEAN + userBias[user] + movieBias[movie] + affinity(user, movie);
    }

    /** A movie the user engages with: the best of a few popularity-drawn candidates, by taste plus noise. */
    int chooseMovie(int user, SplittableRandom random) {
        int best = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < 6; i++) {
            int candidate = popularMovie(random);
            double gumbel = -Math.log(-Math.log(random.nextDouble(1e-12, 1.0)));
            double score = 2.0 * (affinity(user, candidate) + movieBias[candidate]) + 0.5 * gumbel;
            if (score > bestScore) {
                bestScore = score;
                best = candidate;
            }
        }
        return best;
    }

    /**
     * The movies a perfect recommender would show: highest expected rating first. Tastes never change, so each
     * user's ranking is computed once (a full sort of the catalogue per request dominated generation).
     */
    int[] topMovies(int user, int count) {
        if (topMovies[user] == null || topMovies[user].length < count) {
            int movies = movieFactors.length;
            double[] expected = new double[movies];
            Integer[] order = new Integer[movies];
            for (int m = 0; m < movies; m++) {
                expected[m] = expectedRating(user, m);
                order[m] = m;
            }
            java.util.Arrays.sort(order, (a, b) -> Double.compare(expected[b], expected[a]));
            int[] top = new int[Math.min(count, movies)];
            for (int i = 0; i < top.length; i++) {
                top[i] = order[i];
            }
            topMovies[user] = top;
        }
        return java.util.Arrays.copyOf(topMovies[user], Math.min(count, topMovies[user].length));
    }

    int popularMovie(SplittableRandom random) {
        double u = random.nextDouble();
        int index = java.util.Arrays.binarySearch(popularityCdf, u);
        return Math.min(index >= 0 ? index : -index - 1, popularityCdf.length - 1);
    }

    private static double[][] gaussianMatrix(int rows, int cols, double scale, SplittableRandom random) {
        double[][] matrix = new double[rows][cols];
        for (double[] row : matrix) {
            for (int c = 0; c < cols; c++) {
                row[c] = gaussian(random) * scale;
            }
        }
        return matrix;
    }

    private static double[] gaussianVector(int size, double sd, SplittableRandom random) {
        double[] vector = new double[size];
        for (int i = 0; i < size; i++) {
            vector[i] = gaussian(random) * sd;
        }
        return vector;
    }

    static double gaussian(SplittableRandom random) {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17
        double u1 = random.nextDouble(1e-12, 1.0);
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
