package lens.sim;

import java.util.List;

/** Messages in publish order, and the truth they were drawn from. */
public record Simulation(List<SimulatedMessage> messages, PlantedTruth truth) {
}
