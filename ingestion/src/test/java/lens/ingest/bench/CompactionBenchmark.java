package lens.ingest.bench;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import lens.events.EventHour;
import lens.events.HourManifest;
import lens.events.LakeLayout;
import lens.events.Topic;
import lens.ingest.compaction.CompactionProperties;
import lens.ingest.compaction.HourCompactor;
import lens.ingest.lake.Lake;
import lens.ingest.lake.ManifestWriter;
import lens.ingest.parquet.EventFileReader;
import lens.ingest.parquet.EventFileWriter;
import lens.ingest.parquet.FileFooter;
import lens.ingest.parquet.LandedRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/**
 * Not a test: a benchmark, skipped unless {@code -Dlens.bench.compaction.rows=N} is given. Lands one hour of
 * user interactions as many small files ({@code lens.bench.compaction.files}, spread over 4 partitions), manifests
 * it, compacts it, and prints files and bytes before/after, the compaction rate, and the time to read every row
 * through the manifest before and after. See ingestion/README.md for the command.
 */
class CompactionBenchmark {

    private static final Topic TOPIC = Topic.USER_INTERACTIONS;
    private static final int PARTITIONS = 4;

    @TempDir
    Path work;

    @Test
    void benchmark() throws Exception {
        String rowsProperty = System.getProperty("lens.bench.compaction.rows");
        assumeTrue(rowsProperty != null, "benchmark: run with -Dlens.bench.compaction.rows=1000000");
        int rows = Integer.parseInt(rowsProperty);
        int files = Integer.getInteger("lens.bench.compaction.files", 480);
        Lake lake = Lake.open(work.resolve("lake").toString(), Map.of());
        EventHour hour = EventHour.parse("2026-11-29T08");
        int perFile = Math.max(1, rows / files);
        Map<Integer, Long> nextOffset = new HashMap<>();
        for (int file = 0; file < files; file++) {
            int partition = file % PARTITIONS;
            long first = nextOffset.getOrDefault(partition, 0L);
            land(lake, hour, partition, first, perFile);
            nextOffset.put(partition, first + perFile);
        }
        Map<Integer, Long> watermarks = new HashMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            watermarks.put(p, hour.endMillis() + 3_600_000L);
        }
        new ManifestWriter(lake, "bench").writeIfChanged(TOPIC, hour, watermarks);
        readAll(lake, hour); // warms the JIT up, so that both timed reads run compiled code
        long readBefore = readAll(lake, hour);

        HourCompactor compactor = new HourCompactor(lake, CompactionProperties.defaults()
                .with(DataSize.ofMegabytes(128), 4, Duration.ZERO), "bench", Clock.systemUTC());
        long start = System.nanoTime();
        HourCompactor.HourResult result = compactor.compact(TOPIC, hour);
        double seconds = (System.nanoTime() - start) / 1e9;
        long readAfter = readAll(lake, hour);

        System.out.printf(Locale.ROOT, "%ncompaction benchmark: %,d rows of %s in one hour, %d partitions%n",
                result.rows(), TOPIC.topicName(), PARTITIONS);
        System.out.printf(Locale.ROOT, "  files            %,d -> %,d%n", result.filesBefore(), result.filesAfter());
        System.out.printf(Locale.ROOT, "  bytes            %,d -> %,d%n", result.bytesBefore(), result.bytesAfter());
        System.out.printf(Locale.ROOT, "  compaction       %.2f s = %,.0f rows/s, %.1f MB/s of input%n", seconds,
                result.rows() / seconds, result.bytesBefore() / 1048576.0 / seconds);
        System.out.printf(Locale.ROOT, "  read every row   %,d ms before, %,d ms after%n", readBefore, readAfter);
        System.out.printf(Locale.ROOT, "  machine          %d cores, load average %.1f%n",
                Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static void land(Lake lake, EventHour hour, int partition, long first, int rows) throws IOException {
        long last = first + rows - 1;
        org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(lake.hourDir(TOPIC, hour),
                LakeLayout.dataFileName(TOPIC, partition, first, last));
        org.apache.hadoop.fs.Path temp = Lake.tempFor(target, "bench");
        EventFileWriter writer = new EventFileWriter(lake.fs(), temp, TOPIC, lake.conf(), 8 << 20);
        for (long offset = first; offset <= last; offset++) {
            Object[] values = new Object[TOPIC.schema().fields().size()];
            values[0] = java.util.UUID.randomUUID().toString();
            values[1] = hour.startMillis() + offset % 3_600_000L;
            values[2] = offset % 10_000;
            values[3] = offset % 3_000;
            values[4] = "VIEW";
            values[7] = "s-" + offset % 50_000;
            writer.write(new LandedRow(values, null, partition, offset));
        }
        writer.close(new FileFooter(TOPIC.topicName(), partition, first, last, hour.startMillis(),
                hour.endMillis() - 1, 1, rows, last + 1, "bench"));
        lake.publish(temp, target);
    }

    /** Milliseconds to read every row of the files the manifest lists. */
    private static long readAll(Lake lake, EventHour hour) throws IOException {
        long start = System.nanoTime();
        HourManifest manifest = HourManifest.fromJson(lake.readIfExists(
                new org.apache.hadoop.fs.Path(lake.hourDir(TOPIC, hour), LakeLayout.MANIFEST)).orElseThrow());
        long count = 0;
        for (HourManifest.DataFile file : manifest.files()) {
            org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(lake.hourDir(TOPIC, hour), file.name());
            try (EventFileReader reader = new EventFileReader(lake.fs().getFileStatus(path), TOPIC, lake.conf())) {
                while (reader.next() != null) {
                    count++;
                }
            }
        }
        if (count != manifest.rows()) {
            throw new IllegalStateException("read " + count + " rows, the manifest says " + manifest.rows());
        }
        return (System.nanoTime() - start) / 1_000_000;
    }
}
