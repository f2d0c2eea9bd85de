package lens.cli.compact;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import lens.events.EventHour;
import lens.events.Topic;
import lens.ingest.compaction.CompactionProperties;
import lens.ingest.compaction.HourCompactor;
import lens.ingest.lake.Lake;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.unit.DataSize;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lens compact}: merges the small files of complete hours, safely beside a running ingester and jobs. */
@Command(name = "compact", mixinStandardHelpOptions = true,
        description = "Merge the small files of complete (manifested) hours into few large ones, per topic, hour and "
                + "Kafka partition; the manifest is swapped atomically, so readers count the same rows. Safe to run "
                + "beside the ingester and the jobs, and to re-run after a crash.")
public final class CompactCommand implements Callable<Integer> {

    @Option(names = "--workdir", defaultValue = "./lens-data", description = "Work directory (default: ${DEFAULT-VALUE}).")
    Path workDir;

    @Option(names = "--lake", paramLabel = "DIR|URI",
            description = "Lake root: a path, file:, hdfs:// or s3a:// URI (default: <workdir>/lake).")
    String lake;

    @Option(names = "--topic", split = ",", paramLabel = "TOPIC", description = "Topics to compact (default: all five).")
    List<String> topics;

    @Option(names = "--from", paramLabel = "HOUR", description = "First hour, e.g. 2026-11-29T00 (default: earliest).")
    String from;

    @Option(names = "--to", paramLabel = "HOUR", description = "Last hour, inclusive (default: latest).")
    String to;

    @Option(names = "--target-size", defaultValue = CompactionProperties.DEFAULT_TARGET_FILE_SIZE, paramLabel = "SIZE",
            converter = DataSizeConverter.class, description = "Size of merged files (default: ${DEFAULT-VALUE}).")
    DataSize targetSize;

    @Option(names = "--min-files", defaultValue = CompactionProperties.DEFAULT_MIN_FILES,
            description = "Merge only runs of at least this many files (default: ${DEFAULT-VALUE}).")
    int minFiles;

    @Option(names = "--min-age", defaultValue = CompactionProperties.DEFAULT_MIN_AGE, paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Leave hours whose manifest changed more recently (jobs may be reading them) "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration minAge;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        EventHour first;
        EventHour last;
        List<Topic> selected;
        CompactionProperties settings;
        try {
            first = from == null ? null : EventHour.parse(from);
            last = to == null ? null : EventHour.parse(to);
            selected = topics == null ? List.of(Topic.values()) : topics.stream().map(Topic::named).toList();
            settings = CompactionProperties.defaults().with(targetSize, minFiles, minAge);
        } catch (IllegalArgumentException e) {
            err.println("lens compact: " + e.getMessage());
            return 2;
        }
        String root = lake != null ? lake : workDir.resolve("lake").toString();
        HourCompactor compactor = new HourCompactor(Lake.open(root, Map.of()), settings, writerId(), Clock.systemUTC());
        Map<HourCompactor.Outcome, Integer> outcomes = new EnumMap<>(HourCompactor.Outcome.class);
        List<String> failures = new ArrayList<>();
        long filesBefore = 0;
        long filesAfter = 0;
        for (Topic topic : selected) {
            List<EventHour> hours;
            try {
                hours = compactor.hours(topic, first, last);
            } catch (java.io.IOException e) {
                failures.add(topic.topicName() + ": " + e.getMessage());
                continue;
            }
            for (EventHour hour : hours) {
                try {
                    HourCompactor.HourResult result = compactor.compact(topic, hour);
                    outcomes.merge(result.outcome(), 1, Integer::sum);
                    if (result.outcome() == HourCompactor.Outcome.COMPACTED) {
                        filesBefore += result.filesBefore();
                        filesAfter += result.filesAfter();
                        out.printf(Locale.ROOT, "%-24s %s  %4d files -> %3d  %,d rows  %s -> %s%n", topic.topicName(),
                                hour.id(), result.filesBefore(), result.filesAfter(), result.rows(),
                                size(result.bytesBefore()), size(result.bytesAfter()));
                    } else if (result.outcome() == HourCompactor.Outcome.BUSY
                            || result.outcome() == HourCompactor.Outcome.MOVED) {
                        out.printf(Locale.ROOT, "%-24s %s  %s, left for the next run%n", topic.topicName(), hour.id(),
                                result.outcome() == HourCompactor.Outcome.BUSY ? "manifest locked by another writer"
                                        : "manifest changed meanwhile");
                    }
                } catch (java.io.IOException | RuntimeException e) {
                    failures.add(topic.topicName() + " " + hour.id() + ": " + e.getMessage());
                }
            }
        }
        out.printf(Locale.ROOT, "compacted %d hours (%d files -> %d); %d nothing to do, %d not complete, %d too recent, "
                        + "%d busy or changed, %d failed%n", outcomes.getOrDefault(HourCompactor.Outcome.COMPACTED, 0),
                filesBefore, filesAfter, outcomes.getOrDefault(HourCompactor.Outcome.NOTHING_TO_DO, 0),
                outcomes.getOrDefault(HourCompactor.Outcome.NOT_MANIFESTED, 0),
                outcomes.getOrDefault(HourCompactor.Outcome.TOO_RECENT, 0),
                outcomes.getOrDefault(HourCompactor.Outcome.BUSY, 0) + outcomes.getOrDefault(HourCompactor.Outcome.MOVED, 0),
                failures.size());
        failures.forEach(f -> err.println("lens compact: " + f));
        return failures.isEmpty() ? 0 : 1;
    }

    private static String writerId() {
        return "compact-" + ProcessHandle.current().pid();
    }

    private static String size(long bytes) {
        return bytes >= 1 << 20 ? String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0)
                : String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
    }

    static final class DataSizeConverter implements ITypeConverter<DataSize> {
        @Override
        public DataSize convert(String value) {
            return DataSize.parse(value);
        }
    }

    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return DurationStyle.detectAndParse(value);
        }
    }
}
