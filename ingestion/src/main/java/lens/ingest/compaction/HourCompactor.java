package lens.ingest.compaction;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import lens.events.EventHour;
import lens.events.HourManifest;
import lens.events.LakeLayout;
import lens.events.Topic;
import lens.ingest.lake.Lake;
import lens.ingest.lake.LandedFileName;
import lens.ingest.lake.ManifestLock;
import lens.ingest.lake.ManifestWriter;
import lens.ingest.parquet.EventFileReader;
import lens.ingest.parquet.EventFileWriter;
import lens.ingest.parquet.FileFooter;
import lens.ingest.parquet.FooterReader;
import lens.ingest.parquet.LandedRow;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

/**
 * Merges the small files of complete (manifested) hours into few large ones without changing what a reader of
 * the manifest counts. Per hour, holding the hour's {@link ManifestLock}:
 * <ol>
 *   <li>clean what an interrupted run left: hidden compaction temp files, and files not listed but overlapping a
 *       listed one (a merged file never swapped in, or an original already replaced); a leftover merged file that
 *       is exactly a planned one is kept instead of rewritten;</li>
 *   <li>plan merges ({@link CompactionPlanner}); write each under a hidden temp name, fsync, rename it into place
 *       as {@code <topic>+<partition>+<first>+<last>.parquet} with a footer covering its inputs (rows, event-time
 *       range, the highest resume offset);</li>
 *   <li>re-read the manifest: if it changed (another writer broke a lock we held too long), stop — the merged
 *       files are leftovers for the next run;</li>
 *   <li>write the manifest atomically, listing the merged files instead of their inputs (same revision, rows and
 *       late count: the revision counts data changes, on which the scheduler re-runs jobs, and this is none);</li>
 *   <li>delete the replaced files.</li>
 * </ol>
 * A crash anywhere leaves a manifest that lists existing files holding each row once; the ingester's manifest
 * writer ignores unlisted overlapping files, and the next run finishes the job.
 */
public final class HourCompactor {

    /** Hidden prefix of merged files being written; distinct from the ingester's temp files, which it cleans. */
    public static final String TEMP_PREFIX = ".compacting.";

    public enum Outcome {
        COMPACTED, NOTHING_TO_DO, NOT_MANIFESTED, TOO_RECENT, BUSY, MOVED
    }

    /** What happened to one hour; file and byte counts are of listed files before and after. */
    public record HourResult(Topic topic, EventHour hour, Outcome outcome, int filesBefore, int filesAfter,
                             long rows, long bytesBefore, long bytesAfter, int leftoversCleaned) {
    }

    private record Listed(HourManifest.DataFile file, FileStatus status, FileFooter footer) {
    }

    private final Lake lake;
    private final CompactionProperties props;
    private final String writerId;
    private final Clock clock;
    private final ManifestLock lock;
    private final CompactionStep.Hook hook;

    public HourCompactor(Lake lake, CompactionProperties props, String writerId, Clock clock) {
        this(lake, props, writerId, clock, CompactionStep.Hook.NONE);
    }

    public HourCompactor(Lake lake, CompactionProperties props, String writerId, Clock clock, CompactionStep.Hook hook) {
        this.lake = lake;
        this.props = props;
        this.writerId = writerId;
        this.clock = clock;
        this.lock = new ManifestLock(lake, writerId, props.lockStaleAfter(), clock);
        this.hook = hook;
    }

    /** Every hour folder of {@code topic} in [from, to] (either may be null: open), oldest first. */
    public List<EventHour> hours(Topic topic, EventHour from, EventHour to) throws IOException {
        List<EventHour> hours = new ArrayList<>();
        for (FileStatus date : lake.listFiles(lake.topicDir(topic))) {
            if (!date.isDirectory()) {
                continue;
            }
            for (FileStatus hourDir : lake.listFiles(date.getPath())) {
                LandedFileName.hourOf(new Path(hourDir.getPath(), LakeLayout.MANIFEST))
                        .filter(h -> hourDir.isDirectory())
                        .filter(h -> (from == null || h.compareTo(from) >= 0) && (to == null || h.compareTo(to) <= 0))
                        .ifPresent(hours::add);
            }
        }
        hours.sort(Comparator.naturalOrder());
        return hours;
    }

    public List<HourResult> compact(Topic topic, EventHour from, EventHour to) throws IOException {
        List<HourResult> results = new ArrayList<>();
        for (EventHour hour : hours(topic, from, to)) {
            results.add(compact(topic, hour));
        }
        return results;
    }

    public HourResult compact(Topic topic, EventHour hour) throws IOException {
        Path dir = lake.hourDir(topic, hour);
        Path manifestPath = new Path(dir, LakeLayout.MANIFEST);
        if (!lake.fs().exists(manifestPath)) {
            return skipped(topic, hour, Outcome.NOT_MANIFESTED);
        }
        long age = clock.millis() - lake.fs().getFileStatus(manifestPath).getModificationTime();
        if (age < props.minAge().toMillis()) {
            return skipped(topic, hour, Outcome.TOO_RECENT);
        }
        Optional<ManifestLock.Held> held = lock.tryAcquire(dir);
        if (held.isEmpty()) {
            return skipped(topic, hour, Outcome.BUSY);
        }
        try (ManifestLock.Held h = held.get()) {
            return compactLocked(topic, hour, dir, manifestPath, h);
        }
    }

    private HourResult compactLocked(Topic topic, EventHour hour, Path dir, Path manifestPath, ManifestLock.Held held)
            throws IOException {
        HourManifest manifest = readManifest(manifestPath);
        Map<String, FileStatus> dataFiles = new HashMap<>();
        int cleaned = 0;
        for (FileStatus status : lake.listFiles(dir)) {
            String name = status.getPath().getName();
            if (name.startsWith(TEMP_PREFIX)) {
                lake.delete(status.getPath()); // the lock is ours: no other compaction is writing here
                cleaned++;
            } else if (!Lake.isHidden(status.getPath()) && name.endsWith(".parquet")
                    && LandedFileName.parse(name).isPresent()) {
                dataFiles.put(name, status);
            }
        }
        List<Listed> listed = new ArrayList<>();
        for (HourManifest.DataFile file : manifest.files()) {
            FileStatus status = dataFiles.get(file.name());
            if (status == null) {
                throw new IOException(manifestPath + " lists " + file.name() + ", which is missing; not compacting");
            }
            listed.add(new Listed(file, status, FooterReader.read(status, lake.conf())));
        }
        List<CompactionPlanner.Merge> merges = CompactionPlanner.plan(listed.stream()
                .map(l -> new CompactionPlanner.Candidate(l.file(), l.status().getLen(), l.footer().schemaVersion()))
                .toList(), props.targetFileSize().toBytes(), props.minFiles());
        Map<String, CompactionPlanner.Merge> planned = new HashMap<>();
        merges.forEach(m -> planned.put(m.fileName(topic), m));

        Set<String> adopted = new HashSet<>();
        for (FileStatus status : dataFiles.values()) {
            String name = status.getPath().getName();
            LandedFileName parsed = LandedFileName.parse(name).orElseThrow();
            boolean listedFile = manifest.files().stream().anyMatch(f -> f.name().equals(name));
            if (listedFile || !ManifestWriter.overlapsListed(parsed, manifest.files())) {
                continue; // listed, or a late file the ingester has not manifested yet
            }
            CompactionPlanner.Merge merge = planned.get(name);
            if (merge != null && isComplete(status, merge)) {
                adopted.add(name);
            } else {
                lake.delete(status.getPath());
                cleaned++;
            }
        }
        long bytesBefore = listed.stream().mapToLong(l -> l.status().getLen()).sum();
        if (merges.isEmpty()) {
            return new HourResult(topic, hour, Outcome.NOTHING_TO_DO, listed.size(), listed.size(), manifest.rows(),
                    bytesBefore, bytesBefore, cleaned);
        }

        Map<String, Listed> byName = new HashMap<>();
        listed.forEach(l -> byName.put(l.file().name(), l));
        List<HourManifest.DataFile> mergedFiles = new ArrayList<>();
        for (CompactionPlanner.Merge merge : merges) {
            List<Listed> inputs = merge.inputs().stream().map(c -> byName.get(c.file().name())).toList();
            String name = merge.fileName(topic);
            if (!adopted.contains(name)) {
                writeMerged(topic, dir, name, merge, inputs);
            }
            mergedFiles.add(new HourManifest.DataFile(name, merge.partition(), merge.firstOffset(), merge.lastOffset(),
                    merge.rows(), inputs.stream().mapToLong(l -> l.footer().minTimestamp()).min().orElseThrow(),
                    inputs.stream().mapToLong(l -> l.footer().maxTimestamp()).max().orElseThrow(), merge.late()));
            held.refresh();
        }

        if (!readManifest(manifestPath).equals(manifest) || !held.isHeld()) {
            return new HourResult(topic, hour, Outcome.MOVED, listed.size(), listed.size(), manifest.rows(),
                    bytesBefore, bytesBefore, cleaned);
        }
        Set<String> replaced = new HashSet<>();
        merges.forEach(m -> m.inputs().forEach(c -> replaced.add(c.file().name())));
        List<HourManifest.DataFile> files = new ArrayList<>(mergedFiles);
        manifest.files().stream().filter(f -> !replaced.contains(f.name())).forEach(files::add);
        files.sort(Comparator.comparingInt(HourManifest.DataFile::partition)
                .thenComparingLong(HourManifest.DataFile::firstOffset));
        HourManifest compacted = new HourManifest(manifest.topic(), manifest.hour(), manifest.revision(),
                manifest.rows(), manifest.late(), files, manifest.watermarks(), clock.instant().toString());
        if (files.stream().mapToLong(HourManifest.DataFile::rows).sum() != manifest.rows()) {
            throw new IllegalStateException("compaction of " + dir + " would change its row count; not swapping");
        }
        lake.writeAtomically(manifestPath, compacted.toJson(), writerId);
        hook.reached(CompactionStep.MANIFEST_SWAPPED);

        for (String name : replaced) {
            lake.delete(byName.get(name).status().getPath());
            hook.reached(CompactionStep.REPLACED_FILE_DELETED);
        }
        long bytesAfter = 0;
        for (HourManifest.DataFile file : files) {
            bytesAfter += lake.fs().getFileStatus(new Path(dir, file.name())).getLen();
        }
        return new HourResult(topic, hour, Outcome.COMPACTED, listed.size(), files.size(), compacted.rows(),
                bytesBefore, bytesAfter, cleaned);
    }

    /** A leftover merged file from an interrupted run, complete (it was renamed only after fsync) and right. */
    private boolean isComplete(FileStatus status, CompactionPlanner.Merge merge) {
        try {
            FileFooter footer = FooterReader.read(status, lake.conf());
            return footer.rows() == merge.rows() && footer.partition() == merge.partition()
                    && footer.firstOffset() == merge.firstOffset() && footer.lastOffset() == merge.lastOffset();
        } catch (IOException | RuntimeException unreadable) {
            return false;
        }
    }

    /** Rewrites the inputs' rows, in offset order, into one file; hidden until complete and fsynced. */
    private void writeMerged(Topic topic, Path dir, String name, CompactionPlanner.Merge merge, List<Listed> inputs)
            throws IOException {
        Path temp = new Path(dir, TEMP_PREFIX + name + "." + writerId + "." + UUID.randomUUID() + ".tmp");
        try (EventFileWriter writer = new EventFileWriter(lake.fs(), temp, topic, lake.conf(),
                props.rowGroupSize().toBytes())) {
            long rows = 0;
            long previousOffset = -1;
            for (Listed input : inputs) {
                try (EventFileReader reader = new EventFileReader(input.status(), topic, lake.conf())) {
                    for (LandedRow row = reader.next(); row != null; row = reader.next()) {
                        if (row.partition() != merge.partition() || row.offset() <= previousOffset) {
                            throw new IOException(input.status().getPath() + " is not one partition in offset order");
                        }
                        writer.write(row);
                        previousOffset = row.offset();
                        rows++;
                    }
                }
            }
            if (rows != merge.rows()) {
                throw new IOException("merged " + rows + " rows into " + name + ", the manifest says " + merge.rows());
            }
            writer.close(new FileFooter(topic.topicName(), merge.partition(), merge.firstOffset(), merge.lastOffset(),
                    inputs.stream().mapToLong(l -> l.footer().minTimestamp()).min().orElseThrow(),
                    inputs.stream().mapToLong(l -> l.footer().maxTimestamp()).max().orElseThrow(),
                    inputs.get(0).footer().schemaVersion(), rows,
                    inputs.stream().mapToLong(l -> l.footer().resumeOffset()).max().orElseThrow(), writerId));
        } catch (IOException | RuntimeException e) {
            lake.delete(temp);
            throw e;
        }
        hook.reached(CompactionStep.MERGED_FILE_WRITTEN);
        lake.publish(temp, new Path(dir, name));
        hook.reached(CompactionStep.MERGED_FILE_RENAMED);
    }

    private HourManifest readManifest(Path path) throws IOException {
        return HourManifest.fromJson(lake.readIfExists(path)
                .orElseThrow(() -> new IOException(path + " disappeared")));
    }

    private static HourResult skipped(Topic topic, EventHour hour, Outcome outcome) {
        return new HourResult(topic, hour, outcome, 0, 0, 0, 0, 0, 0);
    }
}
