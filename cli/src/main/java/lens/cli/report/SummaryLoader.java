package lens.cli.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import lens.events.EventHour;
import lens.events.LakeLayout;
import lens.trainer.job.JobResult;

/** Reads every {@code results/<job>/window=<hour>/summary.json} of a local lake, optionally within [from, to]. */
public final class SummaryLoader {

    /** A summary that could not be read is reported, never silently skipped. */
    public record Loaded(List<JobResult> summaries, List<String> unreadable) {
    }

    private SummaryLoader() {
    }

    public static Loaded load(Path lakeRoot, EventHour from, EventHour to) {
        Path results = lakeRoot.resolve(LakeLayout.RESULTS);
        List<JobResult> summaries = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        if (!Files.isDirectory(results)) {
            return new Loaded(summaries, unreadable);
        }
        try (Stream<Path> jobs = Files.list(results)) {
            for (Path job : jobs.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> windows = Files.list(job)) {
                    for (Path window : windows.filter(p -> p.getFileName().toString().startsWith("window="))
                            .sorted().toList()) {
                        Path summary = window.resolve(LakeLayout.SUMMARY);
                        if (!Files.isRegularFile(summary)) {
                            continue;
                        }
                        try {
                            JobResult result = JobResult.fromJson(Files.readAllBytes(summary));
                            EventHour hour = EventHour.parse(result.window());
                            if ((from == null || hour.compareTo(from) >= 0) && (to == null || hour.compareTo(to) <= 0)) {
                                summaries.add(result);
                            }
                        } catch (RuntimeException | IOException e) {
                            unreadable.add(summary + ": " + e.getMessage());
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + results, e);
        }
        summaries.sort(Comparator.comparing((JobResult r) -> EventHour.parse(r.window())).thenComparing(JobResult::job));
        return new Loaded(summaries, unreadable);
    }
}
