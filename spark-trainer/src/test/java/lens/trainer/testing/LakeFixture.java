package lens.trainer.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import lens.events.EventHour;
import lens.events.HourManifest;
import lens.events.LakeLayout;
import lens.events.Topic;
import lens.events.UserInteraction;
import lens.trainer.lake.SparkSchemas;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * Builds a small event lake the way the ingester lays it out: one Parquet file per hour folder, written by Spark
 * with the ingester's file schema, plus the hour's {@code _MANIFEST.json} when the hour is complete.
 */
public final class LakeFixture {

    private final SparkSession spark;
    private final Path lakeRoot;
    private long nextOffset;

    public LakeFixture(SparkSession spark, Path lakeRoot) {
        this.spark = spark;
        this.lakeRoot = lakeRoot;
    }

    public Path root() {
        return lakeRoot;
    }

    /** Writes the events into their event-time hours and marks every such hour complete. */
    public List<EventHour> writeCompleteHours(List<UserInteraction> events) {
        Map<EventHour, List<UserInteraction>> byHour = byHour(events);
        byHour.forEach((hour, hourEvents) -> writeHour(hour, hourEvents, true));
        return List.copyOf(byHour.keySet());
    }

    /** Writes one hour's events; {@code complete} decides whether its manifest is written. */
    public void writeHour(EventHour hour, List<UserInteraction> events, boolean complete) {
        Path dir = lakeRoot.resolve(LakeLayout.hourDir(Topic.USER_INTERACTIONS, hour));
        long first = nextOffset;
        List<Row> rows = new ArrayList<>();
        long minTs = Long.MAX_VALUE;
        long maxTs = Long.MIN_VALUE;
        for (UserInteraction event : events) {
            if (!hour.contains(event.timestamp())) {
                throw new IllegalArgumentException(event + " is not in hour " + hour);
            }
            rows.add(RowFactory.create(event.eventId(), event.timestamp(), event.userId(), event.movieId(),
                    event.interactionType().name(), event.rating(), event.query(), event.sessionId(),
                    event.requestId(), null, 0, nextOffset++));
            minTs = Math.min(minTs, event.timestamp());
            maxTs = Math.max(maxTs, event.timestamp());
        }
        long last = nextOffset - 1;
        String fileName = LakeLayout.dataFileName(Topic.USER_INTERACTIONS, 0, first, last);
        Path staging = lakeRoot.resolve("_staging").resolve(hour.id());
        spark.createDataFrame(rows, SparkSchemas.fileSchema(Topic.USER_INTERACTIONS))
                .coalesce(1).write().mode("overwrite").parquet(staging.toUri().toString());
        try {
            Files.createDirectories(dir);
            try (Stream<Path> files = Files.list(staging)) {
                Path part = files.filter(f -> f.getFileName().toString().endsWith(".parquet")).findFirst()
                        .orElseThrow();
                Files.move(part, dir.resolve(fileName));
            }
            deleteRecursively(staging);
            if (complete) {
                HourManifest manifest = new HourManifest(Topic.USER_INTERACTIONS.topicName(), hour.toString(), 1,
                        events.size(), 0,
                        List.of(new HourManifest.DataFile(fileName, 0, first, last, events.size(), minTs, maxTs,
                                false)),
                        Map.of("0", last + 1), Instant.now().toString());
                Files.write(dir.resolve(LakeLayout.MANIFEST), manifest.toJson());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes many events in one Spark job: {@code events} has the ingester's file schema (kafka_offset may be
     * anything); each event lands in its event-time hour folder, and every hour written gets its manifest.
     */
    public List<EventHour> writeBulk(org.apache.spark.sql.Dataset<Row> events) {
        Path staging = lakeRoot.resolve("_bulk");
        org.apache.spark.sql.Column time = org.apache.spark.sql.functions.timestamp_millis(
                org.apache.spark.sql.functions.col("timestamp"));
        org.apache.spark.sql.Dataset<Row> keyed = events
                .withColumn("_date", org.apache.spark.sql.functions.date_format(time, "yyyy-MM-dd"))
                .withColumn("_hh", org.apache.spark.sql.functions.date_format(time, "HH"));
        List<Row> counts = keyed.groupBy("_date", "_hh").count().collectAsList();
        keyed.repartition(org.apache.spark.sql.functions.col("_date"), org.apache.spark.sql.functions.col("_hh"))
                .write().mode("overwrite").partitionBy("_date", "_hh").parquet(staging.toUri().toString());
        List<EventHour> hours = new ArrayList<>();
        try {
            for (Row count : counts) {
                EventHour hour = EventHour.parse(count.getString(0) + "T" + count.getString(1));
                Path from = staging.resolve("_date=" + count.getString(0)).resolve("_hh=" + count.getString(1));
                Path dir = Files.createDirectories(lakeRoot.resolve(LakeLayout.hourDir(Topic.USER_INTERACTIONS, hour)));
                List<HourManifest.DataFile> files = new ArrayList<>();
                try (Stream<Path> parts = Files.list(from)) {
                    for (Path part : parts.filter(f -> f.getFileName().toString().endsWith(".parquet")).toList()) {
                        String name = "bulk-" + files.size() + ".parquet";
                        Files.move(part, dir.resolve(name));
                        files.add(new HourManifest.DataFile(name, 0, 0, 0, 0, hour.startMillis(),
                                hour.endMillis() - 1, false));
                    }
                }
                HourManifest manifest = new HourManifest(Topic.USER_INTERACTIONS.topicName(), hour.toString(), 1,
                        count.getLong(2), 0, files, Map.of(), Instant.now().toString());
                Files.write(dir.resolve(LakeLayout.MANIFEST), manifest.toJson());
                hours.add(hour);
            }
            deleteRecursively(staging);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return hours;
    }

    private static Map<EventHour, List<UserInteraction>> byHour(List<UserInteraction> events) {
        Map<EventHour, List<UserInteraction>> byHour = new TreeMap<>();
        for (UserInteraction event : events) {
            byHour.computeIfAbsent(EventHour.of(event.timestamp()), h -> new ArrayList<>()).add(event);
        }
        return byHour;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
