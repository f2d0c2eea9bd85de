package lens.cli;

import picocli.CommandLine;

/** {@code ./lens <command>}: the one launcher of LENS Pipeline. */
public final class Lens {

    private Lens() {
    }

    public static void main(String[] args) {
        quietConsole();
        System.exit(commandLine().execute(args));
    }

    /**
     * Until a Spring application takes over logging (console: errors only; details to the log file), libraries
     * log at logback's default DEBUG; the console is for people, so only errors show.
     */
    private static void quietConsole() {
        if (org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
                instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(ch.qos.logback.classic.Level.ERROR);
        }
    }

    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new LensCommand());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        return commandLine;
    }
}
