package lens.ingest.lake;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import lens.events.EventJson;
import lens.events.Topic;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

/**
 * Per-partition event-time progress, kept in the lake ({@code _state/progress/topic=<t>/partition=<p>.json})
 * so that every instance of the group can tell when all partitions of a topic have passed an hour. A
 * partition's progress is written only after its files for the passed hours are published.
 */
public final class ProgressStore {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Progress(String topic, int partition, long watermark, String writer, String updatedAt) {
    }

    private final Lake lake;
    private final String writerId;

    public ProgressStore(Lake lake, String writerId) {
        this.lake = lake;
        this.writerId = writerId;
    }

    private Path topicDir(Topic topic) {
        return lake.path(Lake.STATE + "/progress/topic=" + topic.topicName());
    }

    public void write(Topic topic, int partition, long watermark) throws IOException {
        Progress progress = new Progress(topic.topicName(), partition, watermark, writerId, Instant.now().toString());
        lake.writeAtomically(new Path(topicDir(topic), "partition=" + partition + ".json"),
                EventJson.mapper().writeValueAsBytes(progress), writerId);
    }

    /** Temps crashed previous owners of the partitions left; call only as their new owner. */
    public int deleteOrphanedTemps(Topic topic, Collection<Integer> partitions) throws IOException {
        return lake.deleteOrphanedTemps(partitions.stream()
                .map(partition -> new Path(topicDir(topic), "partition=" + partition + ".json")).toList());
    }

    public Optional<Long> read(Topic topic, int partition) throws IOException {
        return lake.readIfExists(new Path(topicDir(topic), "partition=" + partition + ".json"))
                .map(bytes -> parse(bytes).watermark());
    }

    /** Watermark per partition, for every partition that has reported one. */
    public Map<Integer, Long> readAll(Topic topic) throws IOException {
        Map<Integer, Long> watermarks = new HashMap<>();
        for (FileStatus status : lake.listFiles(topicDir(topic))) {
            if (Lake.isHidden(status.getPath()) || !status.getPath().getName().endsWith(".json")) {
                continue;
            }
            lake.readIfExists(status.getPath()).map(ProgressStore::parse)
                    .ifPresent(p -> watermarks.merge(p.partition(), p.watermark(), Math::max));
        }
        return watermarks;
    }

    private static Progress parse(byte[] bytes) {
        try {
            return EventJson.mapper().readValue(bytes, Progress.class);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("unreadable progress file", e);
        }
    }
}
