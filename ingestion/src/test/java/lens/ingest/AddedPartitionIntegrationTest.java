package lens.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import lens.events.EventHour;
import lens.events.HourManifest;
import lens.events.Topic;
import lens.ingest.support.BrokerPerClass;
import lens.ingest.support.Ingesters;
import lens.ingest.support.TestEvents;
import lens.ingest.support.TestKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A partition added to a topic while the ingester runs is waited for when hours are judged complete: an hour it has
 * records of is manifested once, with them, not first without them and then again with them counted as late.
 */
class AddedPartitionIntegrationTest {

    private static final Topic TOPIC = Topic.MODEL_METRICS;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    static final BrokerPerClass broker = new BrokerPerClass(1);

    @Test
    void givenAPartitionAddedWhileRunning_whenTheFirstPartitionPassesAnHourTheNewOneHasRecordsOf_thenTheHourWaitsForIt()
            throws Exception {
        Path lake = broker.path("lake");
        EventHour first = EventHour.of(System.currentTimeMillis()).plusHours(-6);
        EventHour shared = first.plusHours(2);
        EventHour later = first.plusHours(4);
        // files close only when their partition's event time passes their hour (not by idleness or age)
        try (TestKafka kafka = new TestKafka(broker.bootstrapServers());
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
             ConfigurableApplicationContext app = Ingesters.start(broker.bootstrapServers(), lake,
                     "lens.ingest.group-id=added-partition", "lens.ingest.topics=model-metrics",
                     "lens.ingest.idle-timeout=10m", "lens.ingest.max-file-age=10m",
                     "lens.ingest.metadata-max-age=500ms")) {
            IngestionStatus status = app.getBean(IngestionStatus.class);
            MeterRegistry registry = app.getBean(MeterRegistry.class);

            // given a one-partition topic whose first hour is manifested (the partition count is read by then)
            send(kafka, 0, "p0-first", first, 5);
            send(kafka, 0, "p0-shared", shared, 5);
            await().atMost(TIMEOUT).until(() -> manifest(lake, first).isPresent());

            // and a second partition, added and consumed: its records of the shared hour sit in an open file
            admin.createPartitions(Map.of(TOPIC.topicName(), NewPartitions.increaseTo(2))).all().get();
            send(kafka, 1, "p1-shared", shared, 4);
            await().atMost(TIMEOUT).until(() -> openWriters(registry) == 2);

            // when the first partition passes the shared hour and lands its file of it
            send(kafka, 0, "p0-later", later, 1);
            await().atMost(TIMEOUT).until(() -> status.landed(TOPIC) == 10);
            Thread.sleep(2_000); // a sweep or two: the code before manifested the hour here, without partition 1

            // then the hour waits for the new partition
            assertThat(manifest(lake, shared)).isEmpty();

            // and once that passes the hour too, it is manifested once, with both partitions' rows, none late
            send(kafka, 1, "p1-later", later, 1);
            await().atMost(TIMEOUT).until(() -> manifest(lake, shared).isPresent());
            HourManifest manifest = manifest(lake, shared).orElseThrow();
            assertThat(manifest.revision()).isEqualTo(1);
            assertThat(manifest.rows()).isEqualTo(9);
            assertThat(manifest.late()).isZero();
            assertThat(manifest.files()).extracting(HourManifest.DataFile::partition).containsExactlyInAnyOrder(0, 1);
        }
    }

    private static void send(TestKafka kafka, int partition, String prefix, EventHour hour, int count) {
        for (int i = 0; i < count; i++) {
            kafka.send(TOPIC, partition, TestEvents.json(TestEvents.metric(prefix + "-" + i,
                    hour.startMillis() + i * 60_000L)));
        }
        kafka.flush();
    }

    private static Optional<HourManifest> manifest(Path lake, EventHour hour) {
        return HourManifest.readLocal(lake, TOPIC, hour);
    }

    private static double openWriters(MeterRegistry registry) {
        Gauge gauge = registry.find("lens.ingest.open.writers").gauge();
        return gauge == null ? -1 : gauge.value();
    }

}
