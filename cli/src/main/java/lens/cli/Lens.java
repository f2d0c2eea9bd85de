package lens.cli;

import picocli.CommandLine;

/** {@code ./lens <command>}: the one launcher of LENS Pipeline. */
public final class Lens {

    private Lens() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new LensCommand());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        return commandLine;
    }
}
