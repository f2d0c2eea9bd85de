package lens.trainer.testlake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import lens.events.EventHour;
import lens.events.HourManifest;
import lens.events.LakeLayout;
import lens.events.Topic;
import lens.trainer.lake.SparkSchemas;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Builds a small lake the way the ingester lays it out: real Parquet files with the contract's columns in
 * {@code events/topic=../date=../hour=..} folders, named by Kafka offsets, and a {@code _MANIFEST.json} per hour
 * declaring it complete. Rows are the contract fields in order; Kafka columns are filled in here.
 */
public final class TestLake {

    private final SparkSession spark;
    private final Path root;
    private final Map<Topic, Long> nextOffset = new HashMap<>();
    private final Map<String, List<Row>> pending = new HashMap<>();
    private int eventCounter;

    public TestLake(SparkSession spark, Path root) {
        this.spark = spark;
        this.root = root;
    }

    public String root() {
        return root.toString();
    }

    public String nextEventId() {
        return "e-" + (++eventCounter);
    }

    /** Stages one event (contract fields in order) for the hour of its timestamp (field 1). */
    public TestLake add(Topic topic, Object... fields) {
        long timestamp = (Long) fields[1];
        pending.computeIfAbsent(topic.topicName() + "|" + EventHour.of(timestamp).id(), k -> new ArrayList<>())
                .add(RowFactory.create(fields));
        return this;
    }

    public TestLake interaction(long timestamp, long user, long movie, String type, Double rating) {
        return add(Topic.USER_INTERACTIONS, nextEventId(), timestamp, user, movie, type, rating, null, null, null);
    }

    public TestLake request(long timestamp, String requestId, long user, String experiment, String variant) {
        return add(Topic.RECOMMENDATION_REQUESTS, nextEventId(), timestamp, requestId, user, 10, "home",
                experiment, variant);
    }

    public TestLake response(long timestamp, String requestId, long user, String model, String version,
                             double latencyMs, boolean success, String errorKind, List<Long> movies,
                             String experiment, String variant) {
        return add(Topic.RECOMMENDATION_RESPONSES, nextEventId(), timestamp, requestId, user, model, version,
                latencyMs, success, errorKind, movies, experiment, variant);
    }

    public TestLake abEvent(long timestamp, String experiment, String variant, long user, String type,
                            Double value) {
        return add(Topic.AB_TEST_EVENTS, nextEventId(), timestamp, experiment, variant, user, type, value);
    }

    /** Writes every staged hour of every topic as one Parquet file plus its manifest. */
    public void land() {
        land(true);
    }

    /** Writes the staged hours; without manifests when {@code complete} is false (an hour still open). */
    public void land(boolean complete) {
        for (Map.Entry<String, List<Row>> batch : pending.entrySet()) {
            String[] parts = batch.getKey().split("\\|");
            Topic topic = Arrays.stream(Topic.values()).filter(t -> t.topicName().equals(parts[0])).findFirst()
                    .orElseThrow();
            writeHour(topic, EventHour.parse(parts[1]), batch.getValue(), complete);
        }
        pending.clear();
    }

    /** Declares an hour complete with no events (what the ingester does for an hour that passed empty). */
    public void markComplete(Topic topic, EventHour hour) {
        writeManifest(topic, hour, 0, List.of());
    }

    private void writeHour(Topic topic, EventHour hour, List<Row> rows, boolean complete) {
        long first = nextOffset.getOrDefault(topic, 0L);
        List<Row> withKafka = new ArrayList<>();
        long offset = first;
        for (Row row : rows) {
            Object[] values = new Object[row.length() + 3];
            for (int i = 0; i < row.length(); i++) {
                values[i] = row.get(i);
            }
            values[row.length()] = null;
            values[row.length() + 1] = 0;
            values[row.length() + 2] = offset++;
            withKafka.add(RowFactory.create(values));
        }
        long last = offset - 1;
        nextOffset.put(topic, offset);
        Path hourDir = root.resolve(LakeLayout.hourDir(topic, hour));
        Path staging = root.resolve("_staging").resolve(topic.topicName() + "-" + hour.id() + "-" + first);
        spark.createDataFrame(withKafka, SparkSchemas.fileSchema(topic)).coalesce(1).write()
                .mode(SaveMode.Overwrite).parquet(staging.toString());
        String name = LakeLayout.dataFileName(topic, 0, first, last);
        try (Stream<Path> files = Files.list(staging)) {
            Path part = files.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
            Files.createDirectories(hourDir);
            Files.move(part, hourDir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (complete) {
            long minTs = rows.stream().mapToLong(r -> r.getLong(1)).min().orElse(hour.startMillis());
            long maxTs = rows.stream().mapToLong(r -> r.getLong(1)).max().orElse(hour.startMillis());
            writeManifest(topic, hour, rows.size(), List.of(new HourManifest.DataFile(name, 0, first, last,
                    rows.size(), minTs, maxTs, false)));
        }
    }

    private void writeManifest(Topic topic, EventHour hour, long rows, List<HourManifest.DataFile> files) {
        HourManifest manifest = new HourManifest(topic.topicName(), hour.toString(), 1, rows, 0, files,
                Map.of("0", hour.endMillis()), Instant.now().toString());
        try {
            Path file = root.resolve(LakeLayout.manifest(topic, hour));
            Files.createDirectories(file.getParent());
            Files.write(file, manifest.toJson());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static SparkSession localSpark(String name) {
        return SparkSession.builder()
                .master("local[2]")
                .appName(name)
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.session.timeZone", "UTC")
                .getOrCreate();
    }
}
