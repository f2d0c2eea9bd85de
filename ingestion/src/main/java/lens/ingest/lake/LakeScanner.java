package lens.ingest.lake;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import lens.events.EventHour;
import lens.events.EventJson;
import lens.events.LakeLayout;
import lens.events.Topic;
import lens.ingest.offsets.ResumePoint;
import lens.ingest.parquet.FooterReader;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recovers the ingester's position from the lake itself: file names give offsets and hours, footers give
 * the resume offset. Resume offsets only grow in publish order, and a file published after the partition's
 * last commit (at offset C, itself a resume offset) starts at or after C; a compacted file that contains it
 * ends at or after C: so only files ending at or after C can hold a higher resume offset, and only their
 * footers are read (all of them for a new group).
 */
public final class LakeScanner {

    private static final Logger log = LoggerFactory.getLogger(LakeScanner.class);

    private final Lake lake;

    public LakeScanner(Lake lake) {
        this.lake = lake;
    }

    /** The result for one topic: each requested partition's history and the hours whose manifest is missing or stale. */
    public record TopicScan(Map<Integer, PartitionHistory> partitions, Set<EventHour> hoursNeedingManifest) {
    }

    private record DataFile(FileStatus status, LandedFileName name, EventHour hour) {
    }

    private record QuarantineFile(FileStatus status, LandedFileName name) {
    }

    public TopicScan scan(Topic topic, Collection<Integer> partitions, Map<Integer, Long> committedOffsets)
            throws IOException {
        Map<Integer, List<DataFile>> dataFiles = new HashMap<>();
        Map<Integer, List<Path>> temps = new HashMap<>();
        Map<EventHour, Long> newestFileByHour = new HashMap<>();
        Map<EventHour, Long> manifestTimeByHour = new HashMap<>();
        for (FileStatus status : lake.listFilesRecursively(lake.topicDir(topic))) {
            Path path = status.getPath();
            String name = path.getName();
            Optional<EventHour> hour = LandedFileName.hourOf(path);
            if (hour.isEmpty()) {
                continue;
            }
            if (name.equals(LakeLayout.MANIFEST)) {
                manifestTimeByHour.put(hour.get(), status.getModificationTime());
                continue;
            }
            for (int partition : partitions) {
                if (LandedFileName.isTempOf(name, topic.topicName(), partition)) {
                    temps.computeIfAbsent(partition, p -> new ArrayList<>()).add(path);
                }
            }
            Optional<LandedFileName> landed = LandedFileName.parse(name)
                    .filter(n -> n.topic().equals(topic.topicName()) && n.extension().equals("parquet"));
            if (landed.isEmpty()) {
                continue;
            }
            newestFileByHour.merge(hour.get(), status.getModificationTime(), Math::max);
            if (partitions.contains(landed.get().partition())) {
                dataFiles.computeIfAbsent(landed.get().partition(), p -> new ArrayList<>())
                        .add(new DataFile(status, landed.get(), hour.get()));
            }
        }
        Map<Integer, List<QuarantineFile>> quarantineFiles = new HashMap<>();
        for (FileStatus status : lake.listFilesRecursively(lake.quarantineTopicDir(topic))) {
            String name = status.getPath().getName();
            for (int partition : partitions) {
                if (LandedFileName.isTempOf(name, topic.topicName(), partition)) {
                    temps.computeIfAbsent(partition, p -> new ArrayList<>()).add(status.getPath());
                }
            }
            LandedFileName.parse(name)
                    .filter(n -> n.topic().equals(topic.topicName()) && partitions.contains(n.partition()))
                    .filter(n -> n.extension().equals("jsonl"))
                    .ifPresent(n -> quarantineFiles.computeIfAbsent(n.partition(), p -> new ArrayList<>())
                            .add(new QuarantineFile(status, n)));
        }
        Map<Integer, PartitionHistory> histories = new HashMap<>();
        for (int partition : partitions) {
            List<DataFile> files = dataFiles.getOrDefault(partition, List.of());
            Map<EventHour, Long> lastByHour = new HashMap<>();
            for (DataFile file : files) {
                lastByHour.merge(file.hour(), file.name().lastOffset(), Math::max);
            }
            long committed = committedOffsets.getOrDefault(partition, -1L);
            long resume = resumeOffset(files, committed);
            Set<Long> quarantined = quarantinedFrom(quarantineFiles.getOrDefault(partition, List.of()),
                    ResumePoint.seekPosition(resume, committed));
            histories.put(partition, new PartitionHistory(resume, lastByHour, quarantined,
                    temps.getOrDefault(partition, List.of())));
        }
        Set<EventHour> stale = new HashSet<>();
        newestFileByHour.forEach((hour, newest) -> {
            Long manifest = manifestTimeByHour.get(hour);
            if (manifest == null || manifest < newest) {
                stale.add(hour);
            }
        });
        return new TopicScan(histories, stale);
    }

    /**
     * The offsets quarantined at or after {@code position}, from the quarantine files that reach it (a replay re-reads
     * only from there; the files before it are not opened). Lines are read one at a time and only up to their
     * {@code offset} field (they go on with the payload, kept whole however big). A line that cannot be read is skipped
     * with a warning: its record might then also land if judged valid when re-read, which beats a partition that can
     * never be recovered.
     */
    private Set<Long> quarantinedFrom(List<QuarantineFile> files, long position) throws IOException {
        Set<Long> offsets = new HashSet<>();
        for (QuarantineFile file : files) {
            if (file.name().lastOffset() < position) {
                continue;
            }
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                    lake.fs().open(file.status().getPath()), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.isBlank()) {
                        continue;
                    }
                    long offset = offsetOf(line);
                    if (offset < 0) {
                        log.warn("{}: a line without a readable offset; skipped", file.status().getPath());
                    } else if (offset >= position) {
                        offsets.add(offset);
                    }
                }
            } catch (FileNotFoundException gone) {
                // deleted since it was listed (by hand): nothing to skip for it
            }
        }
        return offsets;
    }

    /** The line's top-level {@code offset} field, or -1; reading stops there. */
    private static long offsetOf(String line) {
        try (JsonParser json = EventJson.mapper().getFactory().createParser(line)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                return -1;
            }
            for (JsonToken token = json.nextToken(); token == JsonToken.FIELD_NAME; token = json.nextToken()) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                if (field.equals("offset")) {
                    return value == JsonToken.VALUE_NUMBER_INT ? json.getLongValue() : -1;
                }
                json.skipChildren();
            }
            return -1;
        } catch (IOException e) {
            return -1;
        }
    }

    private long resumeOffset(List<DataFile> files, long committed) throws IOException {
        long best = -1;
        for (DataFile file : files) {
            if (file.name().lastOffset() >= committed) {
                best = Math.max(best, FooterReader.read(file.status(), lake.conf()).resumeOffset());
            }
        }
        return best;
    }
}
