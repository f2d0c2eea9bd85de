package lens.cli.report;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import lens.events.EventHour;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lens report}: writes the self-contained HTML report from the jobs' summaries and prints its path. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write a self-contained HTML report (charts and tables, no network needed) from the "
                + "summary.json files under <lake>/results/*/window=*/.")
public final class ReportCommand implements Callable<Integer> {

    @Option(names = "--workdir", defaultValue = "./lens-data", description = "Work directory (default: ${DEFAULT-VALUE}).")
    Path workDir;

    @Option(names = "--lake", description = "Lake root (default: <workdir>/lake).")
    Path lake;

    @Option(names = "--from", description = "First window, e.g. 2026-11-29T08 (default: earliest).")
    String from;

    @Option(names = "--to", description = "Last window, e.g. 2026-11-29T20 (default: latest).")
    String to;

    @Option(names = {"-o", "--out"}, description = "Output file (default: <workdir>/reports/lens-report.html).")
    Path out;

    @Override
    public Integer call() {
        EventHour first;
        EventHour last;
        try {
            first = from == null ? null : EventHour.parse(from);
            last = to == null ? null : EventHour.parse(to);
        } catch (IllegalArgumentException e) {
            System.err.println("lens report: " + e.getMessage());
            return 2;
        }
        if (first != null && last != null && first.compareTo(last) > 0) {
            System.err.println("lens report: --from " + first + " is after --to " + last);
            return 2;
        }
        Path lakeRoot = lake != null ? lake : workDir.resolve("lake");
        Path target = out != null ? out : workDir.resolve("reports").resolve("lens-report.html");
        SummaryLoader.Loaded loaded = SummaryLoader.load(lakeRoot, first, last);
        if (loaded.summaries().isEmpty()) {
            System.err.println("lens report: no job summaries under " + lakeRoot.resolve("results")
                    + " in that window; the report will be empty");
        }
        Path written = ReportGenerator.write(loaded, lakeRoot, target, first, last);
        System.out.println("report: " + written.toAbsolutePath().normalize());
        return 0;
    }
}
