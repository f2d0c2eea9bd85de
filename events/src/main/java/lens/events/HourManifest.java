package lens.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code _MANIFEST.json}: written by the ingester when every partition of a topic has passed an hour
 * (watermark beyond the hour's end plus grace). Downstream jobs read an hour only once it exists.
 * Late events for a manifested hour land in new files and raise the revision; {@code late} counts them.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HourManifest(String topic, String hour, int revision, long rows, long late,
                           List<DataFile> files, Map<String, Long> watermarks, String writtenAt) {

    /** One landed file: one partition's consecutive offsets for this hour. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DataFile(String name, int partition, long firstOffset, long lastOffset, long rows,
                           long minTimestamp, long maxTimestamp, boolean late) {
    }

    public HourManifest {
        files = files == null ? List.of() : List.copyOf(files);
        watermarks = watermarks == null ? Map.of() : Map.copyOf(watermarks);
    }

    public EventHour eventHour() {
        return EventHour.parse(hour);
    }

    public byte[] toJson() {
        try {
            return EventJson.mapper().writer(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static HourManifest fromJson(byte[] json) {
        try {
            return EventJson.mapper().readValue(json, HourManifest.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable manifest", e);
        }
    }

    /** Reads {@code <lake>/events/topic=../date=../hour=../_MANIFEST.json} from a local lake, if present. */
    public static Optional<HourManifest> readLocal(Path lakeRoot, Topic topic, EventHour hour) {
        Path file = lakeRoot.resolve(LakeLayout.manifest(topic, hour));
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(fromJson(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
