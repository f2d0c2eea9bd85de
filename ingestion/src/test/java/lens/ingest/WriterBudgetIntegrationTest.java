package lens.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import lens.broker.KafkaBroker;
import lens.events.EventHour;
import lens.events.Topic;
import lens.ingest.support.BrokerFixture;
import lens.ingest.support.Ingesters;
import lens.ingest.support.LakeReader;
import lens.ingest.support.TestEvents;
import lens.ingest.support.TestKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/** A real broker, a real lake: the writer budget publishes the longest-open file, and only that one. */
class WriterBudgetIntegrationTest {

    @TempDir
    Path work;

    @Test
    void givenTwoWritersAllowed_whenAThirdHourArrives_thenOnlyTheLongestOpenFileIsPublishedAndTheOtherHourStaysWhole()
            throws Exception {
        // given one partition with hours A and B open (a grace of 3 h keeps them open), then one event of hour C,
        // then more of B
        EventHour a = EventHour.of(System.currentTimeMillis()).plusHours(-9);
        EventHour b = a.plusHours(1);
        EventHour c = a.plusHours(2);
        try (KafkaBroker broker = BrokerFixture.start(work.resolve("broker"), 1)) {
            try (TestKafka kafka = new TestKafka(broker.bootstrapServers())) {
                int n = 0;
                for (int i = 0; i < 50; i++) {
                    send(kafka, "a-" + i, a, n++);
                }
                for (int i = 0; i < 50; i++) {
                    send(kafka, "b-" + i, b, n++);
                }
                send(kafka, "c-0", c, n++);
                for (int i = 50; i < 100; i++) {
                    send(kafka, "b-" + i, b, n++);
                }
                kafka.flush();
            }

            // when ingested with room for two open files
            Path lake = work.resolve("lake");
            try (ConfigurableApplicationContext app = Ingesters.start(broker.bootstrapServers(), lake,
                    "lens.ingest.group-id=budget", "lens.ingest.topics=" + Topic.USER_INTERACTIONS.topicName(),
                    "lens.ingest.max-open-writers=2", "lens.ingest.grace=3h")) {
                IngestionStatus status = app.getBean(IngestionStatus.class);
                assertThat(status.awaitQuiescent(Duration.ofSeconds(90))).isTrue();
                assertThat(status.landed(Topic.USER_INTERACTIONS)).isEqualTo(151);
            }

            // then C's arrival published A (the longest open) and B kept writing into its one file
            Map<EventHour, Set<Path>> filesByHour = LakeReader.rows(lake, Topic.USER_INTERACTIONS).stream()
                    .collect(Collectors.groupingBy(LakeReader.Row::folderHour,
                            Collectors.mapping(LakeReader.Row::file, Collectors.toSet())));
            assertThat(filesByHour).containsOnlyKeys(a, b, c);
            assertThat(filesByHour.get(a)).hasSize(1);
            assertThat(filesByHour.get(b)).hasSize(1);
            assertThat(filesByHour.get(c)).hasSize(1);
            assertThat(LakeReader.rowsOf(filesByHour.get(b).iterator().next(), b)).hasSize(100);
        }
    }

    private static void send(TestKafka kafka, String id, EventHour hour, int n) {
        kafka.send(Topic.USER_INTERACTIONS, 0, TestEvents.json(TestEvents.view(id, hour.startMillis() + n * 1000L, n)));
    }
}
