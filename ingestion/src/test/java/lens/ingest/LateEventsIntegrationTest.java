package lens.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import lens.events.EventHour;
import lens.events.HourManifest;
import lens.events.Topic;
import lens.ingest.ops.KafkaHealthIndicator;
import lens.ingest.ops.LakeHealthIndicator;
import lens.ingest.support.BrokerPerClass;
import lens.ingest.support.Ingesters;
import lens.ingest.support.LakeReader;
import lens.ingest.support.TestEvents;
import lens.ingest.support.TestKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Late events for a manifested hour land in that hour, in a new file; the manifest gets a new revision and a late
 * count. And a graceful shutdown publishes the files still open.
 */
class LateEventsIntegrationTest {

    @RegisterExtension
    static final BrokerPerClass broker = new BrokerPerClass(2);

    @Test
    void givenAManifestedHour_whenLateEventsArrive_thenTheyLandInThatHourAndTheManifestRevisionAndLateCountRise()
            throws Exception {
        Path lake = broker.path("lake");
        EventHour hour = EventHour.of(System.currentTimeMillis()).plusHours(-3);
        try (TestKafka kafka = new TestKafka(broker.bootstrapServers());
             ConfigurableApplicationContext app = Ingesters.start(broker.bootstrapServers(), lake,
                     "lens.ingest.group-id=late")) {
            IngestionStatus status = app.getBean(IngestionStatus.class);
            for (int i = 0; i < 20; i++) {
                kafka.send(TestEvents.view("on-time-" + i, hour.startMillis() + i * 60_000L, i));
            }
            kafka.flush();
            assertThat(status.awaitQuiescent(Duration.ofSeconds(90))).isTrue();
            HourManifest first = HourManifest.readLocal(lake, Topic.USER_INTERACTIONS, hour).orElseThrow();
            assertThat(first.revision()).isEqualTo(1);
            assertThat(first.rows()).isEqualTo(20);
            assertThat(first.late()).isZero();
            assertThat(first.files()).noneMatch(HourManifest.DataFile::late);

            for (int i = 0; i < 3; i++) {
                kafka.send(TestEvents.view("late-" + i, hour.startMillis() + 59 * 60_000L + i, 100 + i));
            }
            kafka.flush();
            assertThat(status.awaitQuiescent(Duration.ofSeconds(90))).isTrue();

            HourManifest second = HourManifest.readLocal(lake, Topic.USER_INTERACTIONS, hour).orElseThrow();
            assertThat(second.revision()).isEqualTo(2);
            assertThat(second.rows()).isEqualTo(23);
            assertThat(second.late()).isEqualTo(3);
            assertThat(second.files().stream().filter(HourManifest.DataFile::late).mapToLong(HourManifest.DataFile::rows)
                    .sum()).isEqualTo(3);
            assertThat(second.files()).containsAll(first.files());
            assertThat(status.late(Topic.USER_INTERACTIONS)).isEqualTo(3);
            assertThat(app.getBean(MeterRegistry.class).get("lens.ingest.records.late")
                    .tag("topic", "user-interactions").counter().count()).isEqualTo(3.0);

            List<LakeReader.Row> rows = LakeReader.rows(lake, Topic.USER_INTERACTIONS);
            assertThat(rows).hasSize(23).allSatisfy(r -> assertThat(r.folderHour()).isEqualTo(hour));

            assertThat(app.getBean(KafkaHealthIndicator.class).health().getStatus()).isEqualTo(Status.UP);
            assertThat(app.getBean(LakeHealthIndicator.class).health().getStatus()).isEqualTo(Status.UP);
            assertThat(app.getBean(MeterRegistry.class).get("lens.ingest.records.landed")
                    .tag("topic", "user-interactions").counter().count()).isEqualTo(23.0);
        }
    }

    @Test
    void givenOpenFilesOfTheCurrentHour_whenTheIngesterShutsDownGracefully_thenTheyArePublished() throws Exception {
        Path lake = broker.path("lake-shutdown");
        long now = System.currentTimeMillis();
        ConfigurableApplicationContext app = Ingesters.start(broker.bootstrapServers(), lake,
                "lens.ingest.group-id=shutdown", "lens.ingest.topics=model-metrics",
                "lens.ingest.idle-timeout=10m", "lens.ingest.max-file-age=10m");
        try (TestKafka kafka = new TestKafka(broker.bootstrapServers())) {
            for (int i = 0; i < 50; i++) {
                kafka.send(TestEvents.metric("m-" + i, now - i));
            }
            kafka.flush();
            MeterRegistry registry = app.getBean(MeterRegistry.class);
            long deadline = System.currentTimeMillis() + 90_000;
            // consumed (no lag) but nothing published: the current hour is open and no partition is idle long enough
            while (System.currentTimeMillis() < deadline && !(registry.find("lens.ingest.consumer.lag")
                    .tag("topic", "model-metrics").gauge() != null
                    && registry.get("lens.ingest.consumer.lag").tag("topic", "model-metrics").gauge().value() == 0
                    && registry.get("lens.ingest.open.writers").gauge().value() > 0)) {
                Thread.sleep(100);
            }
            assertThat(registry.get("lens.ingest.open.writers").gauge().value()).isPositive();
            assertThat(LakeReader.dataFiles(lake, Topic.MODEL_METRICS)).isEmpty();
        } finally {
            app.close();
        }
        assertThat(LakeReader.rows(lake, Topic.MODEL_METRICS)).hasSize(50);
        assertThat(LakeReader.hiddenTempFiles(lake.resolve("events"))).isEmpty();
    }
}
