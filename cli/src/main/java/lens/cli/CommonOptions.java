package lens.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command takes. */
public final class CommonOptions {

    @Option(names = "--workdir", defaultValue = "lens-data", paramLabel = "DIR",
            description = "Work directory: lake, models, databases, embedded broker (default: ${DEFAULT-VALUE})")
    Path workdir;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "Kafka cluster to use; absent: the embedded broker under <workdir>/kafka")
    String bootstrapServers;

    public Path workdir() {
        return workdir.toAbsolutePath().normalize();
    }

    public Path lake() {
        return workdir().resolve("lake");
    }

    public String bootstrapServersOrNull() {
        return bootstrapServers;
    }
}
