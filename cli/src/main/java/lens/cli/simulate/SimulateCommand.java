package lens.cli.simulate;

import java.time.Clock;
import java.util.concurrent.Callable;
import lens.cli.CommonOptions;
import lens.cli.broker.KafkaConnection;
import lens.sim.PlantedTruth;
import lens.sim.SimulationConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Publish realistic, seed-deterministic LENS traffic to the five topics.")
public final class SimulateCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    SimulationOptions simulation;

    @Override
    public Integer call() {
        SimulationConfig config = simulation.toConfig(Clock.systemUTC());
        try (KafkaConnection kafka = KafkaConnection.open(common.workdir(), common.bootstrapServersOrNull())) {
            PlantedTruth truth = SimulationRun.publish(config, kafka.bootstrapServers(), common.workdir());
            System.out.printf("published %d hours from %s to %s%n", config.hours(), config.firstHour(),
                    kafka.bootstrapServers());
            truth.validPerTopic().forEach((topic, count) -> System.out.printf("  %-26s %8d valid %6d malformed%n",
                    topic, count, truth.invalidPerTopic().get(topic)));
            System.out.println("planted truth: " + SimulationRun.truthFile(common.workdir(), config));
        }
        return 0;
    }
}
