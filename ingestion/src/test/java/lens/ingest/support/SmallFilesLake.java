package lens.ingest.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import lens.events.EventHour;
import lens.events.HourManifest;
import lens.events.LakeLayout;
import lens.events.Topic;
import lens.ingest.lake.Lake;
import lens.ingest.lake.ManifestWriter;
import lens.ingest.parquet.EventFileWriter;
import lens.ingest.parquet.FileFooter;
import lens.ingest.parquet.LandedRow;
import org.apache.hadoop.fs.Path;

/**
 * A local lake of small user-interaction files landed as the ingester lands them (temp name, footer, rename) and
 * manifested with the ingester's {@link ManifestWriter}. Event ids are {@code p<partition>-o<offset>}.
 */
public final class SmallFilesLake {

    public static final Topic TOPIC = Topic.USER_INTERACTIONS;

    public final java.nio.file.Path root;
    public final Lake lake;

    public SmallFilesLake(java.nio.file.Path root) {
        this.root = root;
        this.lake = Lake.open(root.toString(), Map.of());
    }

    /** One file of {@code rows} consecutive offsets from {@code first}; its resume offset is the next offset. */
    public String land(EventHour hour, int partition, long first, int rows) {
        return land(hour, partition, first, rows, first + rows);
    }

    public String land(EventHour hour, int partition, long first, int rows, long resumeOffset) {
        long last = first + rows - 1;
        String name = LakeLayout.dataFileName(TOPIC, partition, first, last);
        Path target = new Path(lake.hourDir(TOPIC, hour), name);
        Path temp = Lake.tempFor(target, "test");
        try {
            EventFileWriter writer = new EventFileWriter(lake.fs(), temp, TOPIC, lake.conf(), 1 << 20);
            for (long offset = first; offset <= last; offset++) {
                Object[] values = new Object[TOPIC.schema().fields().size()];
                values[0] = id(partition, offset);
                values[1] = timestamp(hour, offset);
                values[2] = offset % 7;
                values[3] = 100 + offset;
                values[4] = "VIEW";
                writer.write(new LandedRow(values, offset % 2 == 0 ? null : "{\"client\":\"t\"}", partition, offset));
            }
            writer.close(new FileFooter(TOPIC.topicName(), partition, first, last, timestamp(hour, first),
                    timestamp(hour, last), 1, rows, resumeOffset, "ingester"));
            lake.publish(temp, target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return name;
    }

    public static String id(int partition, long offset) {
        return "p" + partition + "-o" + offset;
    }

    public static long timestamp(EventHour hour, long offset) {
        return hour.startMillis() + offset * 1000;
    }

    /** What the ingester does once every partition passed the hour (or when late files appear). */
    public java.util.Optional<ManifestWriter.Written> manifest(EventHour hour) throws IOException {
        return new ManifestWriter(lake, "ingester").writeIfChanged(TOPIC, hour,
                Map.of(0, hour.endMillis() + 3_600_000, 1, hour.endMillis() + 3_600_000));
    }

    public HourManifest readManifest(EventHour hour) {
        return HourManifest.readLocal(root, TOPIC, hour).orElseThrow();
    }

    /** Event ids as a job reads them: the manifests' files. */
    public List<String> manifestedIds() {
        return LakeReader.manifestedRows(root, TOPIC).stream().map(LakeReader.Row::eventId).sorted().toList();
    }

    /** Event ids as a folder reader (no manifest) reads them. */
    public List<String> folderIds() {
        return LakeReader.rows(root, TOPIC).stream().map(LakeReader.Row::eventId).sorted().toList();
    }

    public List<String> folderDataFiles(EventHour hour) {
        return list(hour).stream().filter(n -> n.endsWith(".parquet") && !n.startsWith(".")).sorted().toList();
    }

    public List<String> hiddenFiles(EventHour hour) {
        return list(hour).stream().filter(n -> n.startsWith(".") || n.endsWith(".lock")).toList();
    }

    private List<String> list(EventHour hour) {
        java.nio.file.Path dir = root.resolve(LakeLayout.hourDir(TOPIC, hour));
        try (Stream<java.nio.file.Path> files = Files.list(dir)) {
            return new ArrayList<>(files.map(p -> p.getFileName().toString()).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
