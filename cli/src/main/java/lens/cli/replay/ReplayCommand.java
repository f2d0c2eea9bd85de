package lens.cli.replay;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code lens replay}: publishes recorded real-world data sets as LENS events. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Publish a recorded data set to Kafka as LENS events.",
        subcommands = {ReplayMovieLensCommand.class})
public final class ReplayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 2;
    }
}
