package lens.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import lens.events.EventHour;
import lens.events.HourManifest;
import lens.events.Topic;
import lens.ingest.lake.Lake;
import lens.ingest.lake.OwnerMarkers;
import lens.ingest.support.BrokerPerClass;
import lens.ingest.support.Ingesters;
import lens.ingest.support.LakeReader;
import lens.ingest.support.TestEvents;
import lens.ingest.support.TestKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A consumer that finds its partition claimed by another member in a newer generation of the group (it missed a
 * rebalance, say in a long GC pause) drops its files and leaves the partition alone: it does not claim it back, which
 * would fence the rightful owner and make both redo their work until its next poll.
 */
class MissedRebalanceIntegrationTest {

    private static final Topic TOPIC = Topic.MODEL_METRICS;
    private static final String GROUP = "missed-rebalance";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    static final BrokerPerClass broker = new BrokerPerClass(1);

    @Test
    void givenItsPartitionClaimedInANewerGeneration_whenTheConsumerIsFenced_thenItDoesNotClaimItBack() throws Exception {
        Path lake = broker.path("lake");
        EventHour first = EventHour.of(System.currentTimeMillis()).plusHours(-6);
        try (TestKafka kafka = new TestKafka(broker.bootstrapServers());
             ConfigurableApplicationContext app = Ingesters.start(broker.bootstrapServers(), lake,
                     "lens.ingest.group-id=" + GROUP, "lens.ingest.topics=model-metrics",
                     "lens.ingest.idle-timeout=10m", "lens.ingest.max-file-age=10m")) {
            IngestionStatus status = app.getBean(IngestionStatus.class);
            MeterRegistry registry = app.getBean(MeterRegistry.class);
            // given a consumer that owns the partition and has landed an hour of it
            send(kafka, "first", first, 5);
            send(kafka, "second", first.plusHours(2), 5);
            await().atMost(TIMEOUT).until(() -> HourManifest.readLocal(lake, TOPIC, first).isPresent());
            OwnerMarkers rival = new OwnerMarkers(Lake.open(lake.toString(), Map.of()), "rightful-owner", GROUP,
                    Clock.systemUTC());
            int ours = rival.current(TOPIC, 0).orElseThrow().generation();

            // when another member claims it in a newer generation (the group rebalanced; this consumer did not hear)
            rival.claim(TOPIC, 0, ours + 1);
            // and this consumer's next file of the partition meets the claim when it is renamed
            send(kafka, "third", first.plusHours(4), 1);
            await().atMost(TIMEOUT).until(() -> consumed(registry) == 11);
            Thread.sleep(3_000); // idle checks that, before, claimed the partition back at once

            // then the partition stays the other member's, and this consumer landed nothing more of it
            assertThat(rival.current(TOPIC, 0)).hasValueSatisfying(o -> assertThat(o.instance()).isEqualTo("rightful-owner"));
            assertThat(status.landed(TOPIC)).isEqualTo(5);
            assertThat(LakeReader.rows(lake, TOPIC)).hasSize(5);
        }
    }

    private static void send(TestKafka kafka, String prefix, EventHour hour, int count) {
        for (int i = 0; i < count; i++) {
            kafka.send(TOPIC, 0, TestEvents.json(TestEvents.metric(prefix + "-" + i, hour.startMillis() + i)));
        }
        kafka.flush();
    }


    private static double consumed(MeterRegistry registry) {
        Counter counter = registry.find("lens.ingest.records.consumed").tag("topic", TOPIC.topicName()).counter();
        return counter == null ? 0 : counter.count();
    }

}
