package lens.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import lens.events.EventHour;
import lens.events.EventValidator;
import lens.events.HourManifest;
import lens.events.Topic;
import lens.events.Validation;
import lens.ingest.compaction.CompactionProperties;
import lens.ingest.compaction.CompactionStep;
import lens.ingest.compaction.HourCompactor;
import lens.ingest.lake.Lake;
import lens.ingest.lake.LakeScanner;
import lens.ingest.offsets.ReplayFilter;
import lens.ingest.support.BrokerPerClass;
import lens.ingest.support.Ingesters;
import lens.ingest.support.LakeReader;
import lens.ingest.support.TestEvents;
import lens.ingest.support.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.unit.DataSize;

/**
 * Compaction on a lake the real ingester landed, with the ingester running: late data that arrives while an hour is
 * being compacted is landed and manifested, every event is read once through the manifests, and a replay of the
 * compacted partitions from offset 0 lets through exactly the events that are not landed.
 */
class CompactionIntegrationTest {

    private static final Topic TOPIC = Topic.USER_INTERACTIONS;

    @RegisterExtension
    static final BrokerPerClass broker = new BrokerPerClass(2);

    @Test
    void givenSmallFilesLandedByTheIngester_whenCompactedWhileLateDataArrives_thenEveryEventIsReadOnce_andAReplayLandsOnlyTheNew()
            throws Exception {
        Path lakeRoot = broker.path("lake");
        EventHour a = EventHour.of(System.currentTimeMillis()).plusHours(-4);
        EventHour b = a.plusHours(1);
        Set<String> produced = new HashSet<>();
        Lake lake = Lake.open(lakeRoot.toString(), Map.of());
        HourCompactor plain = new HourCompactor(lake, settings(), "compactor", Clock.systemUTC());
        try (TestKafka kafka = new TestKafka(broker.bootstrapServers())) {
            for (int i = 0; i < 240; i++) {
                EventHour hour = i % 2 == 0 ? a : b; // the hours interleave in every partition's offsets
                send(kafka, produced, "on-time-" + i, hour.startMillis() + i * 10_000L, i);
            }
            kafka.flush();

            try (ConfigurableApplicationContext app = Ingesters.start(broker.bootstrapServers(), lakeRoot,
                    "lens.ingest.group-id=compaction", "lens.ingest.topics=" + TOPIC.topicName(),
                    "lens.ingest.max-rows-per-file=10")) {
                IngestionStatus status = app.getBean(IngestionStatus.class);
                assertThat(status.awaitQuiescent(Duration.ofSeconds(90))).isTrue();
                HourManifest aBefore = manifest(lakeRoot, a);
                HourManifest bBefore = manifest(lakeRoot, b);
                assertThat(aBefore.files()).hasSizeGreaterThanOrEqualTo(12);
                assertThat(aBefore.rows() + bBefore.rows()).isEqualTo(240);

                // while hour a is being compacted (holding its manifest lock), late events for it are landed
                Set<String> late = new HashSet<>();
                AtomicBoolean sent = new AtomicBoolean();
                HourCompactor withLateData = new HourCompactor(lake, settings(), "compactor", Clock.systemUTC(), step -> {
                    if (step == CompactionStep.MERGED_FILE_RENAMED && sent.compareAndSet(false, true)) {
                        for (int i = 0; i < 6; i++) {
                            send(kafka, late, "late-" + i, a.startMillis() + 3_000_000L + i, 1000 + i);
                        }
                        kafka.flush();
                        awaitInFolder(lakeRoot, late);
                    }
                });
                assertThat(withLateData.compact(TOPIC, a).outcome()).isEqualTo(HourCompactor.Outcome.COMPACTED);
                assertThat(plain.compact(TOPIC, b).outcome()).isEqualTo(HourCompactor.Outcome.COMPACTED);
                produced.addAll(late);
                assertThat(status.awaitQuiescent(Duration.ofSeconds(90))).isTrue();

                HourManifest aAfter = manifest(lakeRoot, a);
                assertThat(aAfter.revision()).isEqualTo(aBefore.revision() + 1);
                assertThat(aAfter.late()).isEqualTo(6);
                assertThat(aAfter.rows()).isEqualTo(aBefore.rows() + 6);
                assertThat(aAfter.files().stream().filter(f -> !f.late())).hasSize(2);
                HourManifest bAfter = manifest(lakeRoot, b);
                assertThat(bAfter.files()).hasSize(2);
                assertThat(bAfter.rows()).isEqualTo(bBefore.rows());
                assertThat(bAfter.revision()).isEqualTo(bBefore.revision());
                assertThat(ids(LakeReader.manifestedRows(lakeRoot, TOPIC))).hasSize(246)
                        .containsExactlyInAnyOrderElementsOf(produced);
                assertThat(ids(LakeReader.rows(lakeRoot, TOPIC))).containsExactlyInAnyOrderElementsOf(produced);
            }

            // stopped; more late events for hour b wait in Kafka
            Set<String> unlanded = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                send(kafka, unlanded, "later-" + i, b.startMillis() + 60_000L * i, 2000 + i);
            }
            kafka.flush();
            assertThat(replayFromOffsetZero(lake, kafka)).containsExactlyInAnyOrderElementsOf(unlanded);
            produced.addAll(unlanded);
        }

        // a new group has no committed offset: its position comes from the compacted files' footers alone
        try (ConfigurableApplicationContext app = Ingesters.start(broker.bootstrapServers(), lakeRoot,
                "lens.ingest.group-id=compaction-replay", "lens.ingest.topics=" + TOPIC.topicName())) {
            assertThat(app.getBean(IngestionStatus.class).awaitQuiescent(Duration.ofSeconds(90))).isTrue();
        }
        assertThat(ids(LakeReader.manifestedRows(lakeRoot, TOPIC))).hasSize(266)
                .containsExactlyInAnyOrderElementsOf(produced);
        assertThat(manifest(lakeRoot, b).late()).isEqualTo(20);
    }

    /** Every record of the topic, from offset 0 of each partition, through the filter recovery builds from the lake. */
    private static List<String> replayFromOffsetZero(Lake lake, TestKafka kafka) throws IOException {
        LakeScanner.TopicScan scan = new LakeScanner(lake).scan(TOPIC, List.of(0, 1), Map.of(0, 0L, 1, 0L));
        EventValidator validator = EventValidator.withDefaults();
        List<String> passed = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : kafka.readAll(TOPIC.topicName())) {
            ReplayFilter filter = scan.partitions().get(record.partition()).replayFilterFrom(0);
            Validation.Valid valid = (Validation.Valid) validator.validate(TOPIC, record.value());
            if (!filter.alreadyLanded(EventHour.of(valid.timestamp()), record.offset())) {
                passed.add((String) valid.values()[0]);
            }
        }
        return passed;
    }

    private static CompactionProperties settings() {
        return CompactionProperties.defaults().with(DataSize.ofMegabytes(128), 2, Duration.ZERO);
    }

    private static void send(TestKafka kafka, Set<String> ids, String id, long timestamp, long user) {
        kafka.send(TestEvents.view(id, timestamp, user));
        ids.add(id);
    }

    private static void awaitInFolder(Path lakeRoot, Set<String> ids) throws IOException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (!ids(LakeReader.rows(lakeRoot, TOPIC)).containsAll(ids)) {
            if (System.currentTimeMillis() > deadline) {
                throw new IOException("the late events were not landed");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
    }

    private static HourManifest manifest(Path lakeRoot, EventHour hour) {
        return HourManifest.readLocal(lakeRoot, TOPIC, hour).orElseThrow();
    }

    private static List<String> ids(List<LakeReader.Row> rows) {
        return rows.stream().map(LakeReader.Row::eventId).toList();
    }
}
