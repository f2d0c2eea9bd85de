package lens.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import lens.broker.KafkaBroker;
import lens.events.EventHour;
import lens.events.HourManifest;
import lens.events.Topic;
import lens.ingest.support.BrokerFixture;
import lens.ingest.support.Ingesters;
import lens.ingest.support.LakeReader;
import lens.ingest.support.TestEvents;
import lens.ingest.support.TestKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/** A real broker, a real lake that refuses writes while the partitions are assigned, then recovers. */
class LakeOutageAtAssignmentIntegrationTest {

    @TempDir
    Path work;

    @Test
    void givenTheLakeRefusingClaimsAtAssignment_whenItRecovers_thenUnrecoveredPartitionsAreRecoveredWhileIdle_andAllLands()
            throws Exception {
        EventHour hour = EventHour.of(System.currentTimeMillis()).plusHours(-3);
        try (KafkaBroker broker = BrokerFixture.start(work.resolve("broker"), 2)) {
            // given 100 events on partition 0, none ever on partition 1
            try (TestKafka kafka = new TestKafka(broker.bootstrapServers())) {
                for (int i = 0; i < 100; i++) {
                    kafka.send(Topic.USER_INTERACTIONS, 0,
                            TestEvents.json(TestEvents.view("v-" + i, hour.startMillis() + i * 1000L, i)));
                }
                kafka.flush();
            }
            // and a lake where no owner marker can be written: a file stands where their folder goes
            Path lake = work.resolve("lake");
            Path owners = lake.resolve("_state").resolve("owners");
            Files.createDirectories(owners.getParent());
            Files.writeString(owners, "not a folder");

            try (ConfigurableApplicationContext app = Ingesters.start(broker.bootstrapServers(), lake,
                    "lens.ingest.group-id=outage", "lens.ingest.topics=" + Topic.USER_INTERACTIONS.topicName())) {
                IngestionStatus status = app.getBean(IngestionStatus.class);
                // the records of partition 0 came and were skipped unrecovered; nothing landed
                Thread.sleep(6000);
                assertThat(status.landed(Topic.USER_INTERACTIONS)).isZero();
                assertThat(status.awaitQuiescent(Duration.ofSeconds(2))).isFalse();

                // when the lake takes writes again (no new record arrives on either partition)
                Files.delete(owners);

                // then both partitions are recovered while idle: partition 0 re-reads what it skipped, partition 1
                // reports its watermark, and the hour is complete
                assertThat(status.awaitQuiescent(Duration.ofSeconds(60))).isTrue();
                assertThat(status.landed(Topic.USER_INTERACTIONS)).isEqualTo(100);
            }
            assertThat(LakeReader.rows(lake, Topic.USER_INTERACTIONS)).hasSize(100);
            HourManifest manifest = HourManifest.readLocal(lake, Topic.USER_INTERACTIONS, hour).orElseThrow();
            assertThat(manifest.rows()).isEqualTo(100);
        }
    }
}
