package lens.cli.model;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import lens.trainer.model.ModelRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code lens model}: the ALS model registry (versions, champion pointer). */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Inspect the ALS model versions and move the champion pointer.",
        subcommands = {ModelListCommand.class, ModelShowCommand.class, ModelRollbackCommand.class})
public final class ModelCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 2;
    }

    static ModelRegistry registry(Path workDir) {
        return ModelRegistry.forWorkDir(workDir);
    }
}
