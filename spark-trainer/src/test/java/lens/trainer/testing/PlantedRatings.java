package lens.trainer.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import lens.events.EventHour;
import lens.events.InteractionType;
import lens.events.UserInteraction;

/**
 * Ratings with a planted low-rank structure: rating = 3 + user bias + movie bias + u . v + noise (sigma known),
 * clipped to the contract's 0.5..5, spread evenly over consecutive hours. Deterministic for a seed.
 */
public final class PlantedRatings {

    private final int users;
    private final int movies;
    private final int rank;
    private final double noise;
    private final double[][] userFactors;
    private final double[][] movieFactors;
    private final double[] userBias;
    private final double[] movieBias;
    private final Random random;
    private double selectivity = 2;

    public PlantedRatings(int users, int movies, int rank, double noise, long seed) {
        this.users = users;
        this.movies = movies;
        this.rank = rank;
        this.noise = noise;
        this.random = new Random(seed);
        this.userFactors = factors(users);
        this.movieFactors = factors(movies);
        this.userBias = biases(users, 0.3);
        this.movieBias = biases(movies, 0.4);
    }

    /** How strongly users pick movies they like (0: at random); default 2. */
    public PlantedRatings selectivity(double value) {
        this.selectivity = value;
        return this;
    }

    /** The noiseless rating the structure implies (before clipping). */
    public double truth(int user, int movie) {
        double value = 3 + userBias[user] + movieBias[movie];
        for (int f = 0; f < rank; f++) {
            value += userFactors[user][f] * movieFactors[movie][f];
        }
        return value;
    }

    /**
     * {@code perUser} distinct movies rated by every user, spread over {@code hours} hours from {@code first}.
     * Users pick what they are likely to enjoy (a movie is taken with probability rising with its planted rating),
     * as real audiences do, so which movies a user rated is itself a signal of taste.
     */
    public List<UserInteraction> ratings(int perUser, EventHour first, int hours) {
        List<UserInteraction> events = new ArrayList<>();
        long span = hours * 3_600_000L;
        for (int u = 0; u < users; u++) {
            boolean[] taken = new boolean[movies];
            for (int n = 0; n < perUser; n++) {
                int m;
                do {
                    m = random.nextInt(movies);
                } while (taken[m] || random.nextDouble() > 1 / (1 + Math.exp(-selectivity * (truth(u, m) - 3))));
                taken[m] = true;
                double rating = Math.max(0.5, Math.min(5.0, truth(u, m) + noise * random.nextGaussian()));
                long timestamp = first.startMillis() + (long) (random.nextDouble() * span);
                events.add(UserInteraction.rate("r-" + u + "-" + m, timestamp, 1000L + u, 50_000L + m, rating));
            }
        }
        return events;
    }

    /** Views and clicks of movies a user likes (truth above 3.5), for the implicit model. */
    public List<UserInteraction> views(int perUser, EventHour first, int hours) {
        List<UserInteraction> events = new ArrayList<>();
        long span = hours * 3_600_000L;
        for (int u = 0; u < users; u++) {
            int made = 0;
            for (int attempt = 0; attempt < 50 * perUser && made < perUser; attempt++) {
                int m = random.nextInt(movies);
                if (truth(u, m) > 3.5) {
                    long timestamp = first.startMillis() + (long) (random.nextDouble() * span);
                    InteractionType type = random.nextBoolean() ? InteractionType.VIEW : InteractionType.CLICK;
                    events.add(new UserInteraction("v-" + u + "-" + m + "-" + attempt, timestamp, 1000L + u,
                            50_000L + m, type, null, null, null, null));
                    made++;
                }
            }
        }
        return events;
    }

    private double[][] factors(int count) {
        double[][] factors = new double[count][rank];
        double scale = 0.8 / Math.sqrt(rank);
        for (double[] row : factors) {
            for (int f = 0; f < rank; f++) {
                row[f] = random.nextGaussian() * Math.sqrt(scale);
            }
        }
        return factors;
    }

    private double[] biases(int count, double sigma) {
        double[] biases = new double[count];
        for (int i = 0; i < count; i++) {
            biases[i] = sigma * random.nextGaussian();
        }
        return biases;
    }
}
