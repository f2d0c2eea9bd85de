package lens.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import lens.events.EventJson;
import lens.events.InvalidReason;
import lens.events.LakeLayout;
import lens.events.Topic;
import lens.ingest.landing.BadRecord;
import lens.ingest.landing.DeadLetterPublisher;
import lens.ingest.support.BrokerPerClass;
import lens.ingest.support.Ingesters;
import lens.ingest.support.LakeReader;
import lens.ingest.support.TestEvents;
import lens.ingest.support.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/** Issue 3's bad-input corpus, interleaved with valid events: every bad one dead-lettered with its reason, every good one landed. */
class BadInputIntegrationTest {

    @RegisterExtension
    static final BrokerPerClass broker = new BrokerPerClass(2);

    @Test
    void givenABadMessageTooBigForAKafkaRequest_whenDeadLettered_thenItsKeyValueAndDetailAreCut_withTheSizesInHeaders() {
        // given a message bigger than the producer's 1MB request (a source topic may allow that), with a long key
        // and a long detail (details quote the input)
        byte[] value = "v".repeat(2 * 1024 * 1024).getBytes(StandardCharsets.UTF_8);
        byte[] key = "k".repeat(5000).getBytes(StandardCharsets.UTF_8);
        BadRecord bad = new BadRecord(Topic.AB_TEST_EVENTS, 1, 7, System.currentTimeMillis(), key, value,
                InvalidReason.OVERSIZE_PAYLOAD, "d".repeat(5000));
        // the ingester's own dead-letter producer, with the default cap (512KB)
        IngestProperties defaults = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("lens.ingest", IngestProperties.class);
        DefaultKafkaProducerFactory<byte[], byte[]> producers = new IngestionConfiguration()
                .deadLetterProducerFactory(new KafkaConnectionProperties(broker.bootstrapServers()), defaults);
        try {
            DeadLetterPublisher deadLetters = new DeadLetterPublisher(new KafkaTemplate<>(producers),
                    (int) defaults.deadLetterMaxValueSize().toBytes());

            // when (sent whole, the producer refused it and every retry of the batch failed the same way)
            deadLetters.send(bad);
            deadLetters.awaitSent();
        } finally {
            producers.destroy();
        }

        // then
        List<ConsumerRecord<byte[], byte[]>> dlt;
        try (TestKafka kafka = new TestKafka(broker.bootstrapServers())) {
            dlt = kafka.readAll(Topic.AB_TEST_EVENTS.deadLetterTopic());
        }
        assertThat(dlt).hasSize(1);
        ConsumerRecord<byte[], byte[]> record = dlt.get(0);
        assertThat(record.value()).isEqualTo(Arrays.copyOf(value, 512 * 1024));
        assertThat(record.key()).hasSize(1024);
        assertThat(header(record, DeadLetterPublisher.VALUE_TRUNCATED_FROM)).isEqualTo("2097152");
        assertThat(header(record, DeadLetterPublisher.KEY_TRUNCATED_FROM)).isEqualTo("5000");
        assertThat(header(record, DeadLetterPublisher.REASON)).isEqualTo("OVERSIZE_PAYLOAD");
        assertThat(header(record, DeadLetterPublisher.DETAIL)).isEqualTo("d".repeat(1000) + "...");
        assertThat(header(record, DeadLetterPublisher.SOURCE_OFFSET)).isEqualTo("7");
    }

    private static String interaction(String id, String timestamp, String userId, String type, String extra) {
        return "{\"eventId\":\"" + id + "\",\"timestamp\":" + timestamp + ",\"userId\":" + userId
                + ",\"movieId\":42,\"interactionType\":\"" + type + "\"" + extra + "}";
    }

    @Test
    void givenTheBadInputCorpusAmongValidEvents_thenEachBadOneIsInTheDltAndQuarantineWithItsReason_andEveryValidOneLands()
            throws Exception {
        long ts = System.currentTimeMillis() - 2 * 3_600_000L;
        String now = Long.toString(ts);
        Map<String, byte[]> bad = new LinkedHashMap<>();
        Map<String, String> expectedReason = new HashMap<>();
        addBad(bad, expectedReason, "NOT_JSON", "not json at all".getBytes(StandardCharsets.UTF_8));
        addBad(bad, expectedReason, "TRUNCATED_JSON", "{\"eventId\":\"t-1\",\"timestamp\":".getBytes(StandardCharsets.UTF_8));
        addBad(bad, expectedReason, "WRONG_TYPE", interaction("w-1", now, "\"12\"", "VIEW", "").getBytes(StandardCharsets.UTF_8));
        addBad(bad, expectedReason, "MISSING_FIELD", ("{\"eventId\":\"m-1\",\"timestamp\":" + now
                + ",\"userId\":1,\"interactionType\":\"VIEW\"}").getBytes(StandardCharsets.UTF_8));
        addBad(bad, expectedReason, "UNKNOWN_EVENT_TYPE", interaction("u-1", now, "1", "LIKE", "").getBytes(StandardCharsets.UTF_8));
        addBad(bad, expectedReason, "NULL_PAYLOAD", null);
        addBad(bad, expectedReason, "EMPTY_PAYLOAD", new byte[0]);
        addBad(bad, expectedReason, "OVERSIZE_PAYLOAD", interaction("o-1", now, "1", "SEARCH",
                ",\"query\":\"" + "x".repeat(70_000) + "\"").getBytes(StandardCharsets.UTF_8));
        addBad(bad, expectedReason, "TIMESTAMP_OUT_OF_RANGE", interaction("f-1",
                Long.toString(System.currentTimeMillis() + 86_400_000L), "1", "VIEW", "").getBytes(StandardCharsets.UTF_8));
        addBad(bad, expectedReason, "TIMESTAMP_OUT_OF_RANGE#1999", interaction("f-2", "915148800000", "1", "VIEW", "")
                .getBytes(StandardCharsets.UTF_8));
        addBad(bad, expectedReason, "NOT_UTF8", new byte[] {'{', '"', (byte) 0xff, (byte) 0xfe, '"', '}'});
        addBad(bad, expectedReason, "UNSAFE_VALUE#dotdot", interaction("p-1", now, "1", "VIEW",
                ",\"sessionId\":\"../../etc\"").getBytes(StandardCharsets.UTF_8));
        addBad(bad, expectedReason, "UNSAFE_VALUE#slash", interaction("p-2", now, "1", "VIEW",
                ",\"requestId\":\"a/b\"").getBytes(StandardCharsets.UTF_8));
        addBad(bad, expectedReason, "UNSAFE_VALUE#nul", interaction("p-3", now, "1", "SEARCH",
                ",\"query\":\"a\\u0000b\"").getBytes(StandardCharsets.UTF_8));
        addBad(bad, expectedReason, "NOT_AN_OBJECT", "[1,2,3]".getBytes(StandardCharsets.UTF_8));
        addBad(bad, expectedReason, "NOT_JSON#trailing", (interaction("g-1", now, "1", "VIEW", "") + " tail")
                .getBytes(StandardCharsets.UTF_8));
        addBad(bad, expectedReason, "INVALID_VALUE#lone-surrogate", interaction("s-1", now, "1", "SEARCH",
                ",\"query\":\"a\\ud800\"").getBytes(StandardCharsets.UTF_8));

        Set<String> valid = new HashSet<>();
        Path lake = broker.path("lake");
        try (TestKafka kafka = new TestKafka(broker.bootstrapServers())) {
            int i = 0;
            for (Map.Entry<String, byte[]> entry : bad.entrySet()) {
                for (int partition = 0; partition < 2; partition++) {
                    String id = "good-" + i++;
                    kafka.send(Topic.USER_INTERACTIONS, partition, TestEvents.json(TestEvents.view(id, ts + i, i)));
                    valid.add(id);
                    kafka.send(Topic.USER_INTERACTIONS, partition, entry.getValue());
                }
            }
            // unknown extra fields are schema evolution, not errors: kept in extras
            kafka.send(Topic.USER_INTERACTIONS, 0, interaction("extra-1", now, "5", "CLICK", ",\"clientVersion\":\"9.1\"")
                    .getBytes(StandardCharsets.UTF_8));
            valid.add("extra-1");
            kafka.flush();

            try (ConfigurableApplicationContext app = Ingesters.start(broker.bootstrapServers(), lake,
                    "lens.ingest.group-id=bad-input", "lens.ingest.max-poll-records=7")) {
                IngestionStatus status = app.getBean(IngestionStatus.class);
                assertThat(status.awaitQuiescent(Duration.ofSeconds(90))).isTrue();
                assertThat(status.deadLettered(Topic.USER_INTERACTIONS)).isEqualTo(2L * bad.size());
                assertThat(status.landed(Topic.USER_INTERACTIONS)).isEqualTo(valid.size());
            }

            List<ConsumerRecord<byte[], byte[]>> dlt = kafka.readAll(Topic.USER_INTERACTIONS.deadLetterTopic());
            assertThat(dlt).hasSize(2 * bad.size());
            Map<String, Integer> reasons = new HashMap<>();
            Set<String> sources = new HashSet<>();
            for (ConsumerRecord<byte[], byte[]> record : dlt) {
                reasons.merge(header(record, DeadLetterPublisher.REASON), 1, Integer::sum);
                assertThat(header(record, DeadLetterPublisher.SOURCE_TOPIC)).isEqualTo("user-interactions");
                assertThat(header(record, DeadLetterPublisher.DETAIL)).isNotBlank();
                sources.add(header(record, DeadLetterPublisher.SOURCE_PARTITION) + "/"
                        + header(record, DeadLetterPublisher.SOURCE_OFFSET));
                // the payload is kept byte for byte
                assertThat(bad.values().stream().anyMatch(b -> Arrays.equals(b, record.value()))).isTrue();
            }
            Map<String, Integer> expected = new HashMap<>();
            expectedReason.values().forEach(r -> expected.merge(r, 2, Integer::sum));
            assertThat(reasons).isEqualTo(expected);
            // bad records sit at odd offsets of both partitions (good, bad, good, bad, ...)
            Set<String> expectedSources = new HashSet<>();
            for (int partition = 0; partition < 2; partition++) {
                for (int k = 0; k < bad.size(); k++) {
                    expectedSources.add(partition + "/" + (2 * k + 1));
                }
            }
            assertThat(sources).isEqualTo(expectedSources);
        }

        List<LakeReader.Row> rows = LakeReader.rows(lake, Topic.USER_INTERACTIONS);
        assertThat(rows.stream().map(LakeReader.Row::eventId).toList()).hasSize(valid.size())
                .containsExactlyInAnyOrderElementsOf(valid);

        List<JsonNode> quarantined = new ArrayList<>();
        try (Stream<Path> files = Files.walk(lake.resolve(LakeLayout.QUARANTINE))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    quarantined.add(EventJson.mapper().readTree(line));
                }
            }
        }
        assertThat(quarantined).hasSize(2 * bad.size());
        assertThat(quarantined.stream().map(n -> n.get("partition").asInt() + "/" + n.get("offset").asLong())
                .collect(Collectors.toSet())).hasSize(2 * bad.size());
        assertThat(quarantined.stream().map(n -> n.get("reason").asText()).collect(Collectors.toSet()))
                .isEqualTo(new HashSet<>(expectedReason.values()));
    }

    private static void addBad(Map<String, byte[]> bad, Map<String, String> reasons, String label, byte[] payload) {
        bad.put(label, payload);
        reasons.put(label, label.contains("#") ? label.substring(0, label.indexOf('#')) : label);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
