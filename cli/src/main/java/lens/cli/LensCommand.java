package lens.cli;

import lens.cli.simulate.SimulateCommand;
import picocli.CommandLine.Command;

@Command(name = "lens", mixinStandardHelpOptions = true, version = "LENS Pipeline 0.1.0",
        description = "LENS Pipeline: Kafka events -> Parquet lake -> hourly Spark ALS, metrics and A/B reports.",
        subcommands = {
                SimulateCommand.class,
                SchemasCommand.class,
        })
public final class LensCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }
}
