package lens.cli.model;

import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import lens.events.EventJson;
import lens.trainer.model.ModelMetadata;
import lens.trainer.model.ModelRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lens model show [version]}: a version's record (the champion's when no version is given). */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Print a model version's record (parameters, window, metrics, fingerprint) as JSON.")
public final class ModelShowCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", description = "Version (default: the champion)")
    String version;

    @Option(names = "--workdir", defaultValue = "./lens-data", description = "Work directory (default: ${DEFAULT-VALUE})")
    Path workDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ModelRegistry registry = ModelCommand.registry(workDir);
        PrintWriter err = spec.commandLine().getErr();
        String wanted = version;
        if (wanted == null) {
            Optional<String> champion = registry.champion();
            if (champion.isEmpty()) {
                err.println("no champion under " + registry.root() + "; name a version (lens model list)");
                return 1;
            }
            wanted = champion.get();
        }
        Optional<ModelMetadata> meta = registry.metadata(wanted);
        if (meta.isEmpty()) {
            err.println("no complete model version '" + wanted + "' under " + registry.root());
            return 1;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(EventJson.mapper().writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(meta.get()));
        out.println("champion: " + (registry.champion().map(wanted::equals).orElse(false) ? "yes" : "no"));
        return 0;
    }
}
