package lens.ingest.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lens.events.EventValidator;
import lens.events.Topic;
import lens.events.Validation;
import lens.ingest.support.TestEvents;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a compaction relies on: reading an event file gives back the rows that were written, value for value. */
class EventFileReaderTest {

    @TempDir
    Path dir;

    private final Configuration conf = new Configuration();
    private final EventValidator validator = EventValidator.withDefaults();
    private final long ts = System.currentTimeMillis() - 3_600_000L;

    @Test
    void givenRowsOfListsMapsNullsAndExtras_whenReadBack_thenEveryValueIsTheSameInTheSameOrder() throws IOException {
        List<LandedRow> responses = List.of(
                row(Topic.RECOMMENDATION_RESPONSES, 0, "{\"eventId\":\"r-1\",\"timestamp\":" + ts + ",\"requestId\":\"q\","
                        + "\"userId\":4,\"modelName\":\"als\",\"modelVersion\":\"v3\",\"latencyMs\":12.5,\"success\":true,"
                        + "\"movieIds\":[5,9,11],\"clientVersion\":\"2.1\"}"),
                row(Topic.RECOMMENDATION_RESPONSES, 1, "{\"eventId\":\"r-2\",\"timestamp\":" + ts + ",\"requestId\":\"q\","
                        + "\"userId\":5,\"modelName\":\"als\",\"modelVersion\":\"v3\",\"latencyMs\":0.5,\"success\":false,"
                        + "\"errorKind\":\"timeout\",\"movieIds\":[]}"),
                row(Topic.RECOMMENDATION_RESPONSES, 2, "{\"eventId\":\"r-3\",\"timestamp\":" + ts + ",\"requestId\":\"q\","
                        + "\"userId\":6,\"modelName\":\"pop\",\"modelVersion\":\"v1\",\"latencyMs\":3,\"success\":true}"));
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("zeta", 1.5);
        metrics.put("alpha", -2.0);
        List<LandedRow> metricRows = List.of(new LandedRow(valid(Topic.MODEL_METRICS,
                new String(TestEvents.json(new lens.events.ModelMetric("m-1", ts, "serving-metrics", null, null, null, 2,
                        metrics, null)))).values(), null, 3, 40));

        assertSameRows(Topic.RECOMMENDATION_RESPONSES, responses);
        assertSameRows(Topic.MODEL_METRICS, metricRows);
    }

    private void assertSameRows(Topic topic, List<LandedRow> rows) throws IOException {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(dir.resolve(topic.topicName() + ".parquet").toUri());
        FileSystem fs = FileSystem.getLocal(conf).getRawFileSystem();
        EventFileWriter writer = new EventFileWriter(fs, path, topic, conf, 1 << 20);
        for (LandedRow row : rows) {
            writer.write(row);
        }
        writer.close(new FileFooter(topic.topicName(), 0, 0, 0, ts, ts, 1, rows.size(), 1, "test"));

        List<LandedRow> read = new ArrayList<>();
        try (EventFileReader reader = new EventFileReader(fs.getFileStatus(path), topic, conf)) {
            for (LandedRow row = reader.next(); row != null; row = reader.next()) {
                read.add(row);
            }
        }

        assertThat(read).hasSameSizeAs(rows);
        for (int i = 0; i < rows.size(); i++) {
            assertThat(read.get(i).values()).isEqualTo(rows.get(i).values());
            assertThat(read.get(i).extrasJson()).isEqualTo(rows.get(i).extrasJson());
            assertThat(read.get(i).partition()).isEqualTo(rows.get(i).partition());
            assertThat(read.get(i).offset()).isEqualTo(rows.get(i).offset());
        }
        if (topic == Topic.MODEL_METRICS) {
            @SuppressWarnings("unchecked")
            Map<String, Double> written = (Map<String, Double>) rows.get(0).values()[7];
            @SuppressWarnings("unchecked")
            Map<String, Double> map = (Map<String, Double>) read.get(0).values()[7];
            assertThat(map.keySet()).containsExactlyElementsOf(written.keySet());
        }
    }

    private LandedRow row(Topic topic, long offset, String json) {
        Validation.Valid valid = valid(topic, json);
        return new LandedRow(valid.values(), valid.extrasJson(), 1, offset);
    }

    private Validation.Valid valid(Topic topic, String json) {
        return (Validation.Valid) validator.validate(topic, TestEvents.utf8(json));
    }
}
