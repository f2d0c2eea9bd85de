package lens.ingest.lake;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
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

/**
 * Recovers the ingester's position from the lake itself: file names give offsets and hours, footers give
 * the resume offset. Resume offsets only grow in publish order, and a file published after the partition's
 * last commit (at offset C, itself a resume offset) starts at or after C; a compacted file that contains it
 * ends at or after C: so only files ending at or after C can hold a higher resume offset, and only their
 * footers are read (all of them for a new group).
 */
public final class LakeScanner {

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
     * The offsets quarantined at or after {@code position}, read from the quarantine files that reach it (a replay
     * re-reads only from there; the files before it are not opened).
     */
    private Set<Long> quarantinedFrom(List<QuarantineFile> files, long position) throws IOException {
        Set<Long> offsets = new HashSet<>();
        for (QuarantineFile file : files) {
            if (file.name().lastOffset() < position) {
                continue;
            }
            String lines = new String(lake.readIfExists(file.status().getPath()).orElse(new byte[0]),
                    StandardCharsets.UTF_8);
            for (String line : lines.split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode offset = EventJson.mapper().readTree(line).get("offset");
                if (offset != null && offset.canConvertToLong() && offset.asLong() >= position) {
                    offsets.add(offset.asLong());
                }
            }
        }
        return offsets;
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
