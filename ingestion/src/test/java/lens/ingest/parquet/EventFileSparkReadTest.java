package lens.ingest.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lens.events.Field;
import lens.events.Topic;
import lens.ingest.support.LocalSpark;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import scala.collection.JavaConverters;

/**
 * Spark's own (vectorized) Parquet reader decodes the files with the values written: the readers downstream jobs
 * use, not only parquet-mr's. Dictionary pages, one-entry dictionaries, nested lists and maps, nulls, signed zeros.
 */
class EventFileSparkReadTest {

    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.start("event-file-spark-read", 2);
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @ParameterizedTest
    @EnumSource(Topic.class)
    void givenRowsOfEveryShape_whenSparkReadsTheFile_thenEveryValueIsAsWritten(Topic topic) throws IOException {
        List<LandedRow> rows = new RandomRows(100 + topic.ordinal()).rows(topic, 30_000);
        Configuration conf = new Configuration();
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(dir.resolve("events.parquet").toUri());
        try (EventFileWriter writer = new EventFileWriter(FileSystem.getLocal(conf).getRawFileSystem(), path, topic,
                conf, 256 * 1024)) {
            for (LandedRow row : rows) {
                writer.write(row);
            }
            writer.close(new FileFooter(topic.topicName(), 3, 1000, 1000 + rows.size() - 1, 0, 1, 1, rows.size(),
                    1000 + rows.size(), "test"));
        }

        List<Row> read = spark.read().parquet(path.toString()).orderBy("kafka_offset").collectAsList();

        assertThat(read).hasSize(rows.size());
        List<Field> fields = topic.schema().fields();
        for (int r = 0; r < rows.size(); r++) {
            LandedRow expected = rows.get(r);
            Row actual = read.get(r);
            assertThat(actual.<Long>getAs("kafka_offset")).isEqualTo(expected.offset());
            assertThat(actual.<Integer>getAs("kafka_partition")).isEqualTo(expected.partition());
            assertThat(actual.<String>getAs("extras")).isEqualTo(expected.extrasJson());
            for (int i = 0; i < fields.size(); i++) {
                assertThat(sparkValue(actual, fields.get(i))).as(fields.get(i).name() + " at " + expected.offset())
                        .isEqualTo(comparable(expected.values()[i]));
            }
        }
    }

    private static Object sparkValue(Row row, Field field) {
        Object value = row.getAs(field.name());
        if (value == null) {
            return null;
        }
        return switch (field.type()) {
            case LONG_LIST -> JavaConverters.seqAsJavaList(row.<scala.collection.Seq<Long>>getAs(field.name()));
            case DOUBLE_MAP -> new LinkedHashMap<>(JavaConverters.mapAsJavaMap(
                    row.<scala.collection.Map<String, Double>>getAs(field.name())));
            case DOUBLE -> Double.doubleToRawLongBits((Double) value);
            default -> value;
        };
    }

    private static Object comparable(Object value) {
        if (value instanceof long[] list) {
            return Arrays.stream(list).boxed().toList();
        }
        if (value instanceof Double d) {
            return Double.doubleToRawLongBits(d);
        }
        if (value instanceof Map<?, ?> map) {
            return new LinkedHashMap<>(map);
        }
        return value;
    }
}
