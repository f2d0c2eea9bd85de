package lens.ingest.parquet;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import lens.events.Topic;
import lens.events.Validation;
import lens.ingest.support.TestEvents;
import lens.ingest.validation.FastPathValidator;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not a test: a benchmark, skipped unless {@code -Dlens.bench.codec.rows=N}. Encodes the same rows as
 * {@code IngestionBenchmark} (user interactions) into one event file per codec on one thread and prints the time
 * and the size, to weigh the ingester's codec (Snappy) against none, ZSTD and GZIP.
 */
class ParquetCodecBenchmark {

    @TempDir
    Path dir;

    @Test
    void benchmark() throws Exception {
        String rowsProperty = System.getProperty("lens.bench.codec.rows");
        assumeTrue(rowsProperty != null, "benchmark: run with -Dlens.bench.codec.rows=500000");
        int count = Integer.parseInt(rowsProperty);
        FastPathValidator validator = new FastPathValidator(Clock.systemUTC(), Duration.ofHours(1), 64 * 1024);
        long start = System.currentTimeMillis() - 6 * 3_600_000L;
        List<LandedRow> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] json = TestEvents.json(TestEvents.view("b-" + i, start + i, i % 10_007));
            Validation.Valid valid = (Validation.Valid) validator.validate(Topic.USER_INTERACTIONS, json);
            rows.add(new LandedRow(valid.values(), valid.extrasJson(), 0, i));
        }
        Configuration conf = new Configuration();
        FileSystem fs = FileSystem.getLocal(conf);
        // -Dlens.bench.codec.codecs=SNAPPY and more rounds compare two versions of the writer on one codec
        List<CompressionCodecName> codecs = java.util.Arrays.stream(System.getProperty("lens.bench.codec.codecs",
                "SNAPPY,UNCOMPRESSED,ZSTD,GZIP").split(",")).map(String::trim).map(CompressionCodecName::valueOf).toList();
        int rounds = Integer.getInteger("lens.bench.codec.rounds", 2);
        for (int round = 0; round <= rounds; round++) { // round 0 warms the JIT up
            for (CompressionCodecName codec : codecs) {
                Path file = dir.resolve(codec + "-" + round + ".parquet");
                long t0 = System.nanoTime();
                EventFileWriter writer = new EventFileWriter(fs, new org.apache.hadoop.fs.Path(file.toUri()),
                        Topic.USER_INTERACTIONS, conf, 8L << 20, codec);
                for (LandedRow row : rows) {
                    writer.write(row);
                }
                writer.close(new FileFooter("user-interactions", 0, 0, count - 1, start, start + count, 1, count,
                        count, "bench"));
                double seconds = (System.nanoTime() - t0) / 1e9;
                if (round > 0) {
                    System.out.printf("[bench] codec %-12s round %d: %,d rows in %.2f s = %,.0f rows/s, %,d bytes "
                            + "(%.1f bytes/row)%n", codec, round, count, seconds, count / seconds, Files.size(file),
                            Files.size(file) / (double) count);
                }
                Files.delete(file);
            }
        }
    }
}
