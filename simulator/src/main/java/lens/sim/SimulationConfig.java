package lens.sim;

import lens.events.EventHour;

/**
 * What to simulate. Everything is deterministic for a seed.
 *
 * @param users             number of users
 * @param movies            number of movies
 * @param firstHour         first event hour
 * @param hours             number of hours
 * @param interactionsPerHour user interactions per hour (other topics scale from it)
 * @param seed              random seed
 * @param rank              rank of the planted taste factors
 * @param ratingNoise       standard deviation of the noise added to a planted rating
 * @param lateShare         share of events published after later hours' events (out of order)
 * @param malformedShare    share of extra malformed messages, per topic
 * @param treatmentLift     planted relative conversion lift of the treatment arm of {@value #EXPERIMENT}
 * @param srmShare          share of {@value #SRM_EXPERIMENT} units put in its "treatment" arm (0.5 = no mismatch)
 */
public record SimulationConfig(int users, int movies, EventHour firstHour, int hours, int interactionsPerHour,
                               long seed, int rank, double ratingNoise, double lateShare, double malformedShare,
                               double treatmentLift, double srmShare) {

    /** The experiment with a planted lift: arms "control" and "treatment". */
    public static final String EXPERIMENT = "exp-ranker";
    /** An experiment with a planted sample-ratio mismatch and no lift: arms "control" and "treatment". */
    public static final String SRM_EXPERIMENT = "exp-layout";
    public static final double BASE_CONVERSION = 0.25;

    public SimulationConfig {
        require(users > 0 && movies > 0 && hours > 0 && interactionsPerHour > 0, "sizes must be positive");
        require(rank > 0 && rank <= 64, "rank must be in 1..64");
        require(ratingNoise >= 0, "ratingNoise must be >= 0");
        require(lateShare >= 0 && lateShare < 0.5, "lateShare must be in [0, 0.5)");
        require(malformedShare >= 0 && malformedShare < 0.5, "malformedShare must be in [0, 0.5)");
        require(treatmentLift > -1 && treatmentLift < 2, "treatmentLift must be in (-1, 2)");
        require(srmShare > 0 && srmShare < 1, "srmShare must be in (0, 1)");
    }

    public static SimulationConfig defaults(EventHour firstHour, int hours) {
        return new SimulationConfig(300, 400, firstHour, hours, 4000, 42L, 4, 0.5, 0.01, 0.005, 0.20, 0.5);
    }

    public SimulationConfig withSeed(long newSeed) {
        return new SimulationConfig(users, movies, firstHour, hours, interactionsPerHour, newSeed, rank, ratingNoise,
                lateShare, malformedShare, treatmentLift, srmShare);
    }

    public SimulationConfig withSize(int newUsers, int newMovies, int newInteractionsPerHour) {
        return new SimulationConfig(newUsers, newMovies, firstHour, hours, newInteractionsPerHour, seed, rank,
                ratingNoise, lateShare, malformedShare, treatmentLift, srmShare);
    }

    public SimulationConfig withShares(double newLateShare, double newMalformedShare, double newSrmShare) {
        return new SimulationConfig(users, movies, firstHour, hours, interactionsPerHour, seed, rank, ratingNoise,
                newLateShare, newMalformedShare, treatmentLift, newSrmShare);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
