package lens.ingest.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lens.events.EventValidator;
import lens.events.Field;
import lens.events.LakeLayout;
import lens.events.Topic;
import lens.events.Validation;
import lens.ingest.support.TestEvents;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.parquet.schema.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files are plain Parquet with exactly the contract's columns, read back here with parquet-hadoop only. */
class EventFileWriterTest {

    @TempDir
    Path dir;

    private final Configuration conf = new Configuration();

    @Test
    void givenEveryTopic_thenColumnsAreTheContractFieldsInOrderThenExtrasPartitionOffset_allOptional() {
        for (Topic topic : Topic.values()) {
            MessageType schema = EventParquetSchema.of(topic);
            List<String> expected = new ArrayList<>(topic.schema().fields().stream().map(Field::name).toList());
            expected.addAll(List.of(LakeLayout.COLUMN_EXTRAS, LakeLayout.COLUMN_KAFKA_PARTITION,
                    LakeLayout.COLUMN_KAFKA_OFFSET));
            assertThat(schema.getFields().stream().map(Type::getName).toList()).isEqualTo(expected);
            assertThat(schema.getFields()).allSatisfy(f -> assertThat(f.isRepetition(Type.Repetition.OPTIONAL)).isTrue());
        }
    }

    @Test
    void givenResponsesAndMetrics_thenListsAndMapsUseTheStandardThreeLevelLayout() {
        MessageType expected = MessageTypeParser.parseMessageType("""
                message lens_recommendation_responses {
                  optional binary eventId (STRING);
                  optional int64 timestamp;
                  optional binary requestId (STRING);
                  optional int64 userId;
                  optional binary modelName (STRING);
                  optional binary modelVersion (STRING);
                  optional double latencyMs;
                  optional boolean success;
                  optional binary errorKind (STRING);
                  optional group movieIds (LIST) { repeated group list { required int64 element; } }
                  optional binary experimentId (STRING);
                  optional binary variant (STRING);
                  optional binary extras (STRING);
                  optional int32 kafka_partition;
                  optional int64 kafka_offset;
                }""");
        assertThat(EventParquetSchema.of(Topic.RECOMMENDATION_RESPONSES)).isEqualTo(expected);
        MessageType metrics = EventParquetSchema.of(Topic.MODEL_METRICS);
        assertThat(metrics.getType("metrics")).isEqualTo(MessageTypeParser.parseMessageType("""
                message m { optional group metrics (MAP) {
                  repeated group key_value { required binary key (STRING); required double value; } } }""")
                .getType("metrics"));
        assertThat(metrics.getType("version").asPrimitiveType().getPrimitiveTypeName().name()).isEqualTo("INT32");
    }

    @Test
    void givenValidatedEvents_whenWrittenAndClosed_thenPlainParquetReadsTheSameValuesAndTheFooter() throws IOException {
        EventValidator validator = EventValidator.withDefaults();
        long ts = System.currentTimeMillis() - 3_600_000L;
        byte[] json = TestEvents.utf8("{\"eventId\":\"r-1\",\"timestamp\":" + ts + ",\"requestId\":\"q-1\",\"userId\":4,"
                + "\"modelName\":\"als\",\"modelVersion\":\"v3\",\"latencyMs\":12.5,\"success\":true,"
                + "\"movieIds\":[5,9,11],\"clientVersion\":\"2.1\"}");
        Validation.Valid valid = (Validation.Valid) validator.validate(Topic.RECOMMENDATION_RESPONSES, json);
        Validation.Valid metric = (Validation.Valid) validator.validate(Topic.MODEL_METRICS,
                TestEvents.json(TestEvents.metric("m-1", ts)));

        org.apache.hadoop.fs.Path responses = write(Topic.RECOMMENDATION_RESPONSES, "responses.parquet",
                new LandedRow(valid.values(), valid.extrasJson(), 2, 77));
        org.apache.hadoop.fs.Path metrics = write(Topic.MODEL_METRICS, "metrics.parquet",
                new LandedRow(metric.values(), metric.extrasJson(), 0, 5));

        Group row = readSingle(responses);
        assertThat(row.getString("eventId", 0)).isEqualTo("r-1");
        assertThat(row.getLong("timestamp", 0)).isEqualTo(ts);
        assertThat(row.getDouble("latencyMs", 0)).isEqualTo(12.5);
        assertThat(row.getBoolean("success", 0)).isTrue();
        assertThat(row.getFieldRepetitionCount("errorKind")).isZero();
        Group list = row.getGroup("movieIds", 0);
        List<Long> movies = new ArrayList<>();
        for (int i = 0; i < list.getFieldRepetitionCount("list"); i++) {
            movies.add(list.getGroup("list", i).getLong("element", 0));
        }
        assertThat(movies).containsExactly(5L, 9L, 11L);
        assertThat(row.getString("extras", 0)).isEqualTo("{\"clientVersion\":\"2.1\"}");
        assertThat(row.getInteger("kafka_partition", 0)).isEqualTo(2);
        assertThat(row.getLong("kafka_offset", 0)).isEqualTo(77);

        Group metricRow = readSingle(metrics);
        Group map = metricRow.getGroup("metrics", 0);
        Map<String, Double> values = new LinkedHashMap<>();
        for (int i = 0; i < map.getFieldRepetitionCount("key_value"); i++) {
            Group entry = map.getGroup("key_value", i);
            values.put(entry.getString("key", 0), entry.getDouble("value", 0));
        }
        assertThat(values).isEqualTo(Map.of("p50", 11.0, "p99", 240.5));
        assertThat(metricRow.getInteger("version", 0)).isEqualTo(1);

        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(responses, conf))) {
            FileFooter footer = FileFooter.fromMetadata(reader.getFooter().getFileMetaData().getKeyValueMetaData());
            assertThat(footer).isEqualTo(footerFor(Topic.RECOMMENDATION_RESPONSES, 77));
            assertThat(reader.getRowGroups().get(0).getColumns().get(0).getCodec()).isEqualTo(CompressionCodecName.SNAPPY);
        }
    }

    @Test
    void givenManyInteractions_thenPerEventUniqueColumnsSkipTheDictionaryAndIdsTheirStatistics() throws IOException {
        EventValidator validator = EventValidator.withDefaults();
        long ts = System.currentTimeMillis() - 3_600_000L;
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(dir.resolve("views.parquet").toUri());
        EventFileWriter writer = new EventFileWriter(FileSystem.getLocal(conf).getRawFileSystem(), path,
                Topic.USER_INTERACTIONS, conf, 1024 * 1024);
        for (int i = 0; i < 2000; i++) {
            Validation.Valid view = (Validation.Valid) validator.validate(Topic.USER_INTERACTIONS,
                    TestEvents.json(TestEvents.view("v-" + i, ts + i, i % 7)));
            writer.write(new LandedRow(view.values(), view.extrasJson(), 0, i));
        }
        writer.close(new FileFooter(Topic.USER_INTERACTIONS.topicName(), 0, 0, 1999, ts, ts + 1999, 1, 2000, 2000,
                "test"));

        Map<String, Boolean> dictionaryByColumn = new LinkedHashMap<>();
        Map<String, Boolean> statisticsByColumn = new LinkedHashMap<>();
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(path, conf))) {
            reader.getRowGroups().get(0).getColumns().forEach(c -> {
                dictionaryByColumn.put(c.getPath().toDotString(), c.hasDictionaryPage());
                statisticsByColumn.put(c.getPath().toDotString(), c.getStatistics().hasNonNullValue());
            });
        }
        assertThat(EventParquetSchema.uniquePerEvent(Topic.USER_INTERACTIONS))
                .containsExactly("eventId", "timestamp", "requestId", "kafka_offset");
        assertThat(dictionaryByColumn).containsEntry("eventId", false).containsEntry("timestamp", false)
                .containsEntry("kafka_offset", false)
                .containsEntry("userId", true).containsEntry("interactionType", true);
        // ids keep no min/max (they prune nothing); times and offsets do, readers prune by them
        assertThat(EventParquetSchema.uniqueIds(Topic.USER_INTERACTIONS)).containsExactly("eventId", "requestId");
        assertThat(statisticsByColumn).containsEntry("eventId", false).containsEntry("timestamp", true)
                .containsEntry("kafka_offset", true).containsEntry("userId", true);
    }

    private org.apache.hadoop.fs.Path write(Topic topic, String name, LandedRow row) throws IOException {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(dir.resolve(name).toUri());
        FileSystem fs = FileSystem.getLocal(conf).getRawFileSystem();
        EventFileWriter writer = new EventFileWriter(fs, path, topic, conf, 1024 * 1024);
        writer.write(row);
        writer.close(footerFor(topic, row.offset()));
        return path;
    }

    private static FileFooter footerFor(Topic topic, long offset) {
        return new FileFooter(topic.topicName(), 2, offset, offset, 1, 2, 1, 1, offset + 1, "test");
    }

    private Group readSingle(org.apache.hadoop.fs.Path path) throws IOException {
        try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), path).withConf(conf).build()) {
            Group row = reader.read();
            assertThat(reader.read()).isNull();
            return row;
        }
    }
}
