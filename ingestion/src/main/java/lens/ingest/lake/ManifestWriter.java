package lens.ingest.lake;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import lens.events.EventHour;
import lens.events.HourManifest;
import lens.events.LakeLayout;
import lens.events.Topic;
import lens.ingest.parquet.FileFooter;
import lens.ingest.parquet.FooterReader;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

/**
 * Writes an hour's {@code _MANIFEST.json} from the files actually in its folder. The first manifest is
 * revision 1; files that appear after it (late events) raise the revision, are flagged {@code late}, and
 * their rows add to {@code late}. Rewriting with no new file changes nothing.
 */
public final class ManifestWriter {

    /** What changed: the manifest written, and how many late rows it added. */
    public record Written(HourManifest manifest, long newLateRows) {
    }

    private final Lake lake;
    private final String writerId;
    private final Map<String, FileFooter> footerCache = new ConcurrentHashMap<>();

    public ManifestWriter(Lake lake, String writerId) {
        this.lake = lake;
        this.writerId = writerId;
    }

    /** Files this instance published: their footers need not be read back. */
    public void remember(String fileName, FileFooter footer) {
        footerCache.put(fileName, footer);
    }

    public synchronized Optional<Written> writeIfChanged(Topic topic, EventHour hour, Map<Integer, Long> watermarks)
            throws IOException {
        Path dir = lake.hourDir(topic, hour);
        Path manifestPath = new Path(dir, LakeLayout.MANIFEST);
        Optional<HourManifest> previous = lake.readIfExists(manifestPath).map(HourManifest::fromJson);
        Map<String, HourManifest.DataFile> known = new TreeMap<>();
        previous.ifPresent(m -> m.files().forEach(f -> known.put(f.name(), f)));

        List<HourManifest.DataFile> files = new ArrayList<>();
        long newLateRows = 0;
        for (FileStatus status : lake.listFiles(dir)) {
            String name = status.getPath().getName();
            if (Lake.isHidden(status.getPath()) || LandedFileName.parse(name).isEmpty() || !name.endsWith(".parquet")) {
                continue;
            }
            HourManifest.DataFile existing = known.get(name);
            if (existing != null) {
                files.add(existing);
                continue;
            }
            FileFooter footer = footerCache.get(name);
            if (footer == null) {
                footer = FooterReader.read(status, lake.conf());
            }
            boolean late = previous.isPresent();
            if (late) {
                newLateRows += footer.rows();
            }
            files.add(new HourManifest.DataFile(name, footer.partition(), footer.firstOffset(), footer.lastOffset(),
                    footer.rows(), footer.minTimestamp(), footer.maxTimestamp(), late));
        }
        if (previous.isPresent() && files.size() == known.size()) {
            return Optional.empty();
        }
        files.sort(Comparator.comparingInt(HourManifest.DataFile::partition)
                .thenComparingLong(HourManifest.DataFile::firstOffset));
        long rows = files.stream().mapToLong(HourManifest.DataFile::rows).sum();
        long late = files.stream().filter(HourManifest.DataFile::late).mapToLong(HourManifest.DataFile::rows).sum();
        Map<String, Long> marks = new TreeMap<>();
        watermarks.forEach((partition, watermark) -> marks.put(Integer.toString(partition), watermark));
        HourManifest manifest = new HourManifest(topic.topicName(), hour.toString(),
                previous.map(m -> m.revision() + 1).orElse(1), rows, late, files, marks, Instant.now().toString());
        lake.writeAtomically(manifestPath, manifest.toJson(), writerId);
        files.forEach(f -> footerCache.remove(f.name()));
        return Optional.of(new Written(manifest, newLateRows));
    }
}
