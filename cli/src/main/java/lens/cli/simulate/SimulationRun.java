package lens.cli.simulate;

import java.nio.file.Path;
import lens.sim.KafkaTrafficPublisher;
import lens.sim.PlantedTruth;
import lens.sim.Simulation;
import lens.sim.SimulationConfig;
import lens.sim.TrafficModel;

/** Generates traffic, publishes it and records the planted truth under {@code <workdir>/simulation/}. */
public final class SimulationRun {

    private SimulationRun() {
    }

    public static PlantedTruth publish(SimulationConfig config, String bootstrapServers, Path workdir) {
        Simulation simulation = TrafficModel.generate(config);
        KafkaTrafficPublisher.publish(bootstrapServers, simulation.messages());
        simulation.truth().write(truthFile(workdir, config));
        return simulation.truth();
    }

    public static Path truthFile(Path workdir, SimulationConfig config) {
        return workdir.resolve("simulation").resolve("truth-" + config.firstHour().id() + "-seed" + config.seed()
                + ".json");
    }
}
