package lens.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import lens.events.EventHour;
import lens.events.LakeLayout;
import lens.events.Topic;
import lens.ingest.lake.Lake;
import lens.ingest.lake.OwnerMarkers;
import lens.ingest.support.Await;
import lens.ingest.support.BrokerPerClass;
import lens.ingest.support.Ingesters;
import lens.ingest.support.LakeReader;
import lens.ingest.support.TestEvents;
import lens.ingest.support.TestKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A record dead-lettered because its timestamp was too far ahead of the clock is not landed when a failure makes its
 * partition re-read it hours later, once the clock has caught up: it is in the DLT and quarantine already.
 */
class RequarantineIntegrationTest {

    private static final Topic TOPIC = Topic.MODEL_METRICS;
    private static final String GROUP = "requarantine";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    static final BrokerPerClass broker = new BrokerPerClass(1);

    @Test
    void givenARecordQuarantinedAsTooFarAhead_whenItIsReReadAfterTheClockCaughtUp_thenItIsNotLandedToo()
            throws Exception {
        Path lake = broker.lake("lake");
        ShiftableClock clock = new ShiftableClock();
        long realNow = System.currentTimeMillis();
        EventHour past = EventHour.of(realNow).plusHours(-5);
        ConfigurableApplicationContext app = Ingesters.startWithClock(broker.bootstrapServers(), lake, clock,
                "lens.ingest.group-id=" + GROUP, "lens.ingest.topics=model-metrics",
                "lens.ingest.idle-timeout=10m", "lens.ingest.max-file-age=10m");
        try (TestKafka kafka = new TestKafka(broker.bootstrapServers())) {
            IngestionStatus status = app.getBean(IngestionStatus.class);
            // given a good record, one two hours ahead of the clock (max-future-skew is 1h), and another good one
            kafka.send(TOPIC, 0, TestEvents.json(TestEvents.metric("good-0", past.startMillis())));
            kafka.send(TOPIC, 0, TestEvents.json(TestEvents.metric("ahead", realNow + Duration.ofHours(2).toMillis())));
            kafka.send(TOPIC, 0, TestEvents.json(TestEvents.metric("good-2", past.startMillis() + 1)));
            kafka.flush();
            // the bad one is dead-lettered and quarantined; the good ones wait in an open file
            Await.until(TIMEOUT, () -> status.deadLettered(TOPIC) == 1);

            // when three hours pass (the record is no longer too far ahead) and a failure makes the partition re-read
            // from the lake's position (here, an older claim of the partition fences the next rename: the
            // three-hour jump makes the partition idle, which publishes the open file)
            new OwnerMarkers(Lake.open(lake.toString(), Map.of()), "intruder", GROUP, Clock.systemUTC())
                    .claim(TOPIC, 0, 0);
            clock.shift(Duration.ofHours(3));
            Await.until(TIMEOUT, () -> !LakeReader.ownerOf(lake, TOPIC, 0).orElseThrow().equals("intruder")); // fenced, recovered, claimed back
            MeterRegistry registry = app.getBean(MeterRegistry.class);
            Await.until(TIMEOUT, () -> { // the re-read reached the quarantined record (the code before landed it instead)
                Counter skipped = registry.find("lens.ingest.records.replay.skipped").tag("topic", TOPIC.topicName())
                        .counter();
                return skipped != null && skipped.count() >= 1;
            });
        } finally {
            app.close(); // publishes the files still open
        }

        // then the lake holds the good records only, and the bad one stays quarantined once
        assertThat(LakeReader.rows(lake, TOPIC)).extracting(LakeReader.Row::eventId)
                .containsExactlyInAnyOrder("good-0", "good-2");
        assertThat(quarantinedLines(lake)).isEqualTo(1);
    }


    private static long quarantinedLines(Path lake) throws Exception {
        try (Stream<Path> files = Files.walk(lake.resolve(LakeLayout.QUARANTINE))) {
            long lines = 0;
            for (Path file : files.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
                lines += Files.readAllLines(file).size();
            }
            return lines;
        }
    }


    /** The system clock, moved forward on demand. */
    private static final class ShiftableClock extends Clock {

        private final AtomicLong shiftMillis = new AtomicLong();

        void shift(Duration by) {
            shiftMillis.addAndGet(by.toMillis());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long millis() {
            return System.currentTimeMillis() + shiftMillis.get();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis());
        }
    }
}
