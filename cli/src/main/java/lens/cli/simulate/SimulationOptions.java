package lens.cli.simulate;

import java.time.Clock;
import lens.events.EventHour;
import lens.sim.SimulationConfig;
import picocli.CommandLine.Option;

/** Traffic options shared by {@code simulate} and {@code demo}. */
public final class SimulationOptions {

    @Option(names = "--hours", defaultValue = "6", description = "Hours of traffic (default: ${DEFAULT-VALUE})")
    public int hours;

    @Option(names = "--start", paramLabel = "HOUR",
            description = "First event hour, e.g. 2026-11-29T00 (default: the hours ending two hours ago, "
                    + "so every simulated hour is complete once ingested)")
    public String start;

    @Option(names = "--users", defaultValue = "300", description = "Users (default: ${DEFAULT-VALUE})")
    public int users;

    @Option(names = "--movies", defaultValue = "400", description = "Movies (default: ${DEFAULT-VALUE})")
    public int movies;

    @Option(names = "--events-per-hour", defaultValue = "4000",
            description = "User interactions per hour; requests are a quarter of it (default: ${DEFAULT-VALUE})")
    public int eventsPerHour;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE})")
    public long seed;

    @Option(names = "--late-share", defaultValue = "0.01",
            description = "Share of events published after later hours' events (default: ${DEFAULT-VALUE})")
    public double lateShare;

    @Option(names = "--malformed-share", defaultValue = "0.005",
            description = "Share of extra malformed messages per topic (default: ${DEFAULT-VALUE})")
    public double malformedShare;

    @Option(names = "--srm-share", defaultValue = "0.5",
            description = "Share of exp-layout units in its treatment arm; 0.5 = no sample-ratio mismatch "
                    + "(default: ${DEFAULT-VALUE})")
    public double srmShare;

    public SimulationConfig toConfig(Clock clock) {
        EventHour first = start != null ? EventHour.parse(start)
                : EventHour.containing(clock.instant()).plusHours(-1 - hours);
        // rank, noise and lift keep the simulator's defaults: one place decides what "realistic" means
        return SimulationConfig.defaults(first, hours).withSize(users, movies, eventsPerHour).withSeed(seed)
                .withShares(lateShare, malformedShare, srmShare);
    }
}
