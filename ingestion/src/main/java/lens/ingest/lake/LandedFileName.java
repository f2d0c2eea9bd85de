package lens.ingest.lake;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lens.events.EventHour;
import org.apache.hadoop.fs.Path;

/**
 * Parses the deterministic names of landed files ({@code <topic>+<partition>+<first>+<last>.<ext>}, offsets
 * zero-padded to 20 digits) and the hour folder they sit in.
 */
public record LandedFileName(String topic, int partition, long firstOffset, long lastOffset, String extension) {

    private static final Pattern NAME = Pattern.compile("^([a-z0-9._-]+)\\+(\\d+)\\+(\\d{20})\\+(\\d{20})\\.(parquet|jsonl)$");
    private static final Pattern HOUR = Pattern.compile("^hour=(\\d{2})$");
    private static final Pattern DATE = Pattern.compile("^date=(\\d{4}-\\d{2}-\\d{2})$");

    public static Optional<LandedFileName> parse(String fileName) {
        Matcher m = NAME.matcher(fileName);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new LandedFileName(m.group(1), Integer.parseInt(m.group(2)), Long.parseLong(m.group(3)),
                Long.parseLong(m.group(4)), m.group(5)));
    }

    public static String quarantineFileName(String topic, int partition, long firstOffset, long lastOffset) {
        return String.format("%s+%d+%020d+%020d.jsonl", topic, partition, firstOffset, lastOffset);
    }

    /** The hour of a file under {@code .../date=YYYY-MM-DD/hour=HH/}, if it sits in such a folder. */
    public static Optional<EventHour> hourOf(Path file) {
        Path hourDir = file.getParent();
        Path dateDir = hourDir == null ? null : hourDir.getParent();
        if (dateDir == null) {
            return Optional.empty();
        }
        Matcher hour = HOUR.matcher(hourDir.getName());
        Matcher date = DATE.matcher(dateDir.getName());
        if (!hour.matches() || !date.matches()) {
            return Optional.empty();
        }
        return Optional.of(EventHour.parse(date.group(1) + "T" + hour.group(1)));
    }

    /** Temp files of a partition: {@code .<topic>+<partition>+...tmp}. */
    public static boolean isTempOf(String fileName, String topic, int partition) {
        return fileName.startsWith("." + topic + "+" + partition + "+") && fileName.endsWith(".tmp");
    }
}
