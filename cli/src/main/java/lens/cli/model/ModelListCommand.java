package lens.cli.model;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import lens.trainer.model.ModelMetadata;
import lens.trainer.model.ModelRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lens model list}: every complete version, oldest first, the champion marked with '*'. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List model versions; * marks the champion.")
public final class ModelListCommand implements Callable<Integer> {

    @Option(names = "--workdir", defaultValue = "./lens-data", description = "Work directory (default: ${DEFAULT-VALUE})")
    Path workDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ModelRegistry registry = ModelCommand.registry(workDir);
        List<ModelMetadata> versions = registry.versions();
        if (versions.isEmpty()) {
            out.println("no model versions under " + registry.root());
            return 0;
        }
        Optional<String> champion = registry.champion();
        out.printf(Locale.ROOT, "  %-36s %-18s %8s %8s %8s %9s%n", "VERSION", "WINDOW", "RMSE", "NDCG@K", "LIFT",
                "RATINGS");
        for (ModelMetadata meta : versions) {
            boolean isChampion = champion.map(meta.version()::equals).orElse(false);
            out.printf(Locale.ROOT, "%s %-36s %-18s %8s %8s %8s %9s%n", isChampion ? "*" : " ", meta.version(),
                    meta.window(), figure(meta, "rmse"), figure(meta, "ndcg_at_k"), figure(meta, "ndcg_lift"),
                    count(meta, "ratings"));
        }
        out.println(champion.map(v -> "champion: " + v).orElse("no champion"));
        return 0;
    }

    private static String figure(ModelMetadata meta, String metric) {
        Double value = meta.metrics().get(metric);
        return value == null ? "-" : String.format(Locale.ROOT, "%.4f", value);
    }

    private static String count(ModelMetadata meta, String metric) {
        Double value = meta.metrics().get(metric);
        return value == null ? "-" : Long.toString(Math.round(value));
    }
}
