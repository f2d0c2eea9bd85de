package lens.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import lens.events.JsonSchemaRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "schemas", mixinStandardHelpOptions = true,
        description = "Write the JSON schema of every topic (the event contract) to a folder.")
public final class SchemasCommand implements Callable<Integer> {

    @Option(names = "--out", defaultValue = "config/schemas", description = "Folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() throws Exception {
        JsonSchemaRenderer.main(new String[] {out.toString()});
        System.out.println("wrote schemas to " + out.toAbsolutePath());
        return 0;
    }
}
