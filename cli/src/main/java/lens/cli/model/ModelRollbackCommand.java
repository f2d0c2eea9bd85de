package lens.cli.model;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import lens.trainer.model.ChampionPointer;
import lens.trainer.model.ModelRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lens model rollback}: moves the champion pointer back to the previous champion, atomically. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = "Make the previous champion the champion again (the move is recorded with its reason).")
public final class ModelRollbackCommand implements Callable<Integer> {

    @Option(names = "--workdir", defaultValue = "./lens-data", description = "Work directory (default: ${DEFAULT-VALUE})")
    Path workDir;

    @Option(names = "--reason", description = "Why (kept in the pointer and its history)")
    String reason;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ModelRegistry registry = ModelCommand.registry(workDir);
        String from = registry.champion().orElse(null);
        try {
            ChampionPointer pointer = registry.rollback(reason);
            spec.commandLine().getOut().println("champion: " + from + " -> " + pointer.version());
            return 0;
        } catch (IllegalStateException e) {
            spec.commandLine().getErr().println("cannot roll back: " + e.getMessage());
            return 1;
        }
    }
}
