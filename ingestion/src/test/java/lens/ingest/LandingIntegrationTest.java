package lens.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import lens.events.EventHour;
import lens.events.HourManifest;
import lens.events.LakeLayout;
import lens.events.Topic;
import lens.ingest.parquet.FileFooter;
import lens.ingest.support.BrokerPerClass;
import lens.ingest.support.Ingesters;
import lens.ingest.support.LakeReader;
import lens.ingest.support.SparkLakeReader;
import lens.ingest.support.TestEvents;
import lens.ingest.support.TestKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;

/** A real broker, a real lake: events land once, in their event hour, hours get manifests, restarts add nothing. */
class LandingIntegrationTest {
    // rotation (rows), eviction (writer budget), idle flush, manifests, restart with and without committed offsets

    @RegisterExtension
    static final BrokerPerClass broker = new BrokerPerClass(3);

    @Test
    void givenEventsOverThreeHours_whenIngested_thenEachLandsOnceInItsHourAndEveryHourIsManifested() throws Exception {
        Path lake = broker.path("lake");
        EventHour first = EventHour.of(System.currentTimeMillis()).plusHours(-5);
        Set<String> produced = new HashSet<>();
        Map<EventHour, Integer> perHour = new HashMap<>();
        try (TestKafka kafka = new TestKafka(broker.bootstrapServers())) {
            for (int i = 0; i < 900; i++) {
                EventHour hour = first.plusHours(i % 3);
                long ts = hour.startMillis() + (i * 3_989L) % 3_600_000L;
                String id = "view-" + i;
                kafka.send(TestEvents.view(id, ts, i % 37));
                produced.add(id);
                perHour.merge(hour, 1, Integer::sum);
            }
            for (int i = 0; i < 40; i++) {
                kafka.send(TestEvents.response("resp-" + i, first.startMillis() + i * 1000L, i));
                kafka.send(TestEvents.metric("metric-" + i, first.startMillis() + i * 1000L));
            }
            kafka.flush();
        }

        try (ConfigurableApplicationContext app = Ingesters.start(broker.bootstrapServers(), lake,
                "lens.ingest.group-id=landing-1", "lens.ingest.max-rows-per-file=100",
                // 3 partitions x 3 interleaved hours need 9 files: the oldest open file is evicted to open another
                "lens.ingest.max-open-writers=4")) {
            IngestionStatus status = app.getBean(IngestionStatus.class);
            assertThat(status.awaitQuiescent(Duration.ofSeconds(90))).isTrue();
            assertThat(status.landed(Topic.USER_INTERACTIONS)).isEqualTo(900);
            assertThat(status.landed(Topic.RECOMMENDATION_RESPONSES)).isEqualTo(40);
            assertThat(status.landed(Topic.MODEL_METRICS)).isEqualTo(40);
            assertThat(status.deadLettered(Topic.USER_INTERACTIONS)).isZero();
            // offsets are committed while consuming, without waiting for the answer: soon after quiescence every
            // partition that held events has committed its log end (the lake stays the truth: commits only
            // shorten a restart's replay)
            Map<TopicPartition, Long> ends = logEnds(Topic.USER_INTERACTIONS, Topic.RECOMMENDATION_RESPONSES,
                    Topic.MODEL_METRICS);
            Map<TopicPartition, Long> committed = committedOffsets("landing-1");
            for (long deadline = System.currentTimeMillis() + 15_000;
                 !committed.equals(ends) && System.currentTimeMillis() < deadline; ) {
                Thread.sleep(200);
                committed = committedOffsets("landing-1");
            }
            assertThat(committed).isEqualTo(ends);
        }

        List<LakeReader.Row> rows = LakeReader.rows(lake, Topic.USER_INTERACTIONS);
        assertThat(rows).hasSize(900);
        assertThat(rows.stream().map(LakeReader.Row::eventId).collect(Collectors.toSet())).isEqualTo(produced);
        assertThat(rows).allSatisfy(r -> assertThat(EventHour.of(r.timestamp())).isEqualTo(r.folderHour()));
        assertThat(LakeReader.hiddenTempFiles(lake)).isEmpty();
        for (Map.Entry<EventHour, Integer> hour : perHour.entrySet()) {
            HourManifest manifest = HourManifest.readLocal(lake, Topic.USER_INTERACTIONS, hour.getKey()).orElseThrow();
            assertThat(manifest.rows()).isEqualTo(hour.getValue().longValue());
            assertThat(manifest.revision()).isEqualTo(1);
            assertThat(manifest.late()).isZero();
            assertThat(manifest.files().stream().mapToLong(HourManifest.DataFile::rows).sum()).isEqualTo(hour.getValue().longValue());
            Set<String> onDisk = new HashSet<>();
            try (var files = Files.list(lake.resolve(LakeLayout.hourDir(Topic.USER_INTERACTIONS, hour.getKey())))) {
                files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".parquet")).forEach(onDisk::add);
            }
            assertThat(manifest.files().stream().map(HourManifest.DataFile::name).collect(Collectors.toSet()))
                    .isEqualTo(onDisk);
        }
        // rotation at 100 rows: no file holds more
        for (Path file : LakeReader.dataFiles(lake, Topic.USER_INTERACTIONS)) {
            FileFooter footer = FileFooter.fromMetadata(LakeReader.footer(file));
            assertThat(footer.rows()).isBetween(1L, 100L);
            assertThat(file.getFileName().toString()).isEqualTo(LakeLayout.dataFileName(Topic.USER_INTERACTIONS,
                    footer.partition(), footer.firstOffset(), footer.lastOffset()));
            assertThat(footer.resumeOffset()).isBetween(0L, 900L);
        }
        assertThat(LakeReader.rows(lake, Topic.RECOMMENDATION_RESPONSES)).hasSize(40);

        // the same group restarts: nothing new lands; a new group on the same lake resumes from the files
        List<Path> before = LakeReader.dataFiles(lake, Topic.USER_INTERACTIONS);
        for (String group : List.of("landing-1", "landing-fresh-group")) {
            try (ConfigurableApplicationContext app = Ingesters.start(broker.bootstrapServers(), lake,
                    "lens.ingest.group-id=" + group)) {
                IngestionStatus status = app.getBean(IngestionStatus.class);
                assertThat(status.awaitQuiescent(Duration.ofSeconds(90))).isTrue();
                assertThat(Arrays.stream(Topic.values()).mapToLong(status::landed).sum()).isZero();
            }
        }
        assertThat(LakeReader.dataFiles(lake, Topic.USER_INTERACTIONS)).isEqualTo(before);
        assertThat(LakeReader.rows(lake, Topic.USER_INTERACTIONS)).hasSize(900);

        // a Spark user reading the folder with Hive partition discovery counts what the manifests say
        Map<EventHour, Long> manifested = new HashMap<>();
        for (EventHour hour : perHour.keySet()) {
            manifested.put(hour, HourManifest.readLocal(lake, Topic.USER_INTERACTIONS, hour).orElseThrow().rows());
        }
        assertThat(SparkLakeReader.rowsPerHour(lake, Topic.USER_INTERACTIONS)).isEqualTo(manifested);
    }

    @Test
    void givenALongIdleTimeout_whenTheLastRecordsPassAnHour_thenItsFilesLandAndItIsManifestedWithoutMoreTraffic()
            throws Exception {
        // given no idle flush and no file age limit for ten minutes: only passing the hour can close its files
        Path lake = broker.path("lake-passed");
        // an hour the other tests of this broker have no records of
        EventHour hour = EventHour.of(System.currentTimeMillis()).plusHours(-30);
        try (TestKafka kafka = new TestKafka(broker.bootstrapServers());
             ConfigurableApplicationContext app = Ingesters.start(broker.bootstrapServers(), lake,
                     "lens.ingest.group-id=passed", "lens.ingest.topics=model-metrics",
                     "lens.ingest.idle-timeout=10m", "lens.ingest.max-file-age=10m")) {
            // when every partition's last records pass the hour (its files then close on the encoder threads,
            // after the batch that passed it) and nothing more arrives
            for (int partition = 0; partition < 3; partition++) {
                kafka.send(Topic.MODEL_METRICS, partition, TestEvents.json(
                        TestEvents.metric("in-" + partition, hour.startMillis() + partition)));
                kafka.send(Topic.MODEL_METRICS, partition, TestEvents.json(
                        TestEvents.metric("after-" + partition, hour.plusHours(2).startMillis())));
            }
            kafka.flush();

            // then the hour's files land and it is manifested at the next idle check, not ten minutes later
            long deadline = System.currentTimeMillis() + 60_000;
            while (HourManifest.readLocal(lake, Topic.MODEL_METRICS, hour).isEmpty()
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            HourManifest manifest = HourManifest.readLocal(lake, Topic.MODEL_METRICS, hour).orElseThrow();
            assertThat(manifest.rows()).isEqualTo(3);
            assertThat(manifest.files()).extracting(HourManifest.DataFile::partition).containsExactlyInAnyOrder(0, 1, 2);
        }
    }

    private static Map<TopicPartition, Long> committedOffsets(String group) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            Map<TopicPartition, Long> offsets = new HashMap<>();
            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                    .forEach((tp, offset) -> offsets.put(tp, offset.offset()));
            return offsets;
        }
    }

    /** The end offset of every partition of the topics that is not empty. */
    private static Map<TopicPartition, Long> logEnds(Topic... topics) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (Topic topic : topics) {
                admin.describeTopics(List.of(topic.topicName())).allTopicNames().get().get(topic.topicName())
                        .partitions().forEach(p -> latest.put(new TopicPartition(topic.topicName(), p.partition()),
                                OffsetSpec.latest()));
            }
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> {
                if (info.offset() > 0) {
                    ends.put(tp, info.offset());
                }
            });
            return ends;
        }
    }
}
