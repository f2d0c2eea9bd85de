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
 *
 * <p>A file not listed yet whose offsets overlap a listed file of its partition holds no new rows: it is a
 * compaction's merged file not swapped in yet, or an original the swap replaced (see
 * {@link lens.ingest.compaction.HourCompactor}); it is ignored. A late file never overlaps: a partition's files
 * of one hour are published in offset order, and the manifest lists a prefix of them. Every write holds the
 * hour's {@link ManifestLock}; a busy lock throws {@link ManifestLock.BusyException} and the caller retries later.
 */
public final class ManifestWriter {

    /** What changed: the manifest written, and how many late rows it added. */
    public record Written(HourManifest manifest, long newLateRows) {
    }

    private final Lake lake;
    private final String writerId;
    /** A manifest write takes milliseconds; a lock this old was left by a crashed ingester. */
    static final java.time.Duration LOCK_LEASE = java.time.Duration.ofMinutes(1);

    private final ManifestLock lock;
    private final Map<String, FileFooter> footerCache = new ConcurrentHashMap<>();

    public ManifestWriter(Lake lake, String writerId) {
        this.lake = lake;
        this.writerId = writerId;
        this.lock = new ManifestLock(lake, writerId, LOCK_LEASE, java.time.Clock.systemUTC());
    }

    /**
     * Files this instance published: their footers need not be read back. An entry is dropped once the hour's manifest
     * lists the file, whoever wrote it (this instance's hour stays pending until it has seen the manifest).
     */
    public void remember(String fileName, FileFooter footer) {
        footerCache.put(fileName, footer);
    }

    /**
     * Writes the manifest if the folder holds files it does not list yet, then re-lists the folder: another
     * instance may have written its own version at the same time, so the write repeats until the manifest on
     * disk lists every file this instance can see (a file published later is manifested by its publisher).
     */
    public synchronized Optional<Written> writeIfChanged(Topic topic, EventHour hour, Map<Integer, Long> watermarks)
            throws IOException {
        Path dir = lake.hourDir(topic, hour);
        try (ManifestLock.Held held = lock.tryAcquire(dir).orElseThrow(() -> new ManifestLock.BusyException(dir))) {
            return writeUntilComplete(topic, hour, watermarks, held);
        }
    }

    private Optional<Written> writeUntilComplete(Topic topic, EventHour hour, Map<Integer, Long> watermarks,
                                                 ManifestLock.Held held) throws IOException {
        Optional<Written> result = Optional.empty();
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<Written> written = writeOnce(topic, hour, watermarks, held);
            if (written.isEmpty()) {
                return result;
            }
            long late = result.map(Written::newLateRows).orElse(0L) + written.get().newLateRows();
            result = Optional.of(new Written(written.get().manifest(), late));
        }
        return result;
    }

    private Optional<Written> writeOnce(Topic topic, EventHour hour, Map<Integer, Long> watermarks,
                                        ManifestLock.Held held) throws IOException {
        Path dir = lake.hourDir(topic, hour);
        Path manifestPath = new Path(dir, LakeLayout.MANIFEST);
        Optional<HourManifest> previous = lake.readIfExists(manifestPath).map(HourManifest::fromJson);
        Map<String, HourManifest.DataFile> known = new TreeMap<>();
        previous.ifPresent(m -> m.files().forEach(f -> known.put(f.name(), f)));

        List<HourManifest.DataFile> files = new ArrayList<>();
        long newLateRows = 0;
        for (FileStatus status : lake.listFiles(dir)) {
            String name = status.getPath().getName();
            if (Lake.isTempOf(manifestPath, name)) {
                // a writer killed between its temp write and the rename left it here; the lock makes it ours
                lake.delete(status.getPath());
                continue;
            }
            Optional<LandedFileName> landed = LandedFileName.parse(name);
            if (Lake.isHidden(status.getPath()) || landed.isEmpty() || !name.endsWith(".parquet")) {
                continue;
            }
            HourManifest.DataFile existing = known.get(name);
            if (existing != null) {
                files.add(existing);
                footerCache.remove(name); // listed already, perhaps by another instance: never needed again
                continue;
            }
            if (overlapsListed(landed.get(), known.values())) {
                footerCache.remove(name);
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
        if (!held.isHeld()) {
            throw new ManifestLock.BusyException(dir);
        }
        lake.writeAtomically(manifestPath, manifest.toJson(), writerId);
        files.forEach(f -> footerCache.remove(f.name()));
        return Optional.of(new Written(manifest, newLateRows));
    }

    /** How many published files' footers are held for manifests not yet written (or not yet seen). */
    int cachedFooters() {
        return footerCache.size();
    }

    /** Whether {@code file}'s offsets intersect those of a listed file of the same partition. */
    public static boolean overlapsListed(LandedFileName file, java.util.Collection<HourManifest.DataFile> listed) {
        return listed.stream().anyMatch(f -> f.partition() == file.partition()
                && f.firstOffset() <= file.lastOffset() && file.firstOffset() <= f.lastOffset());
    }
}
