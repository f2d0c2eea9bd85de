package lens.cli.jobs;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code lens jobs}: recent runs and restarts. */
@Command(name = "jobs", mixinStandardHelpOptions = true, description = "Inspect and restart hourly job runs.",
        subcommands = {JobsStatusCommand.class, JobsRestartCommand.class})
public final class JobsCommand implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
