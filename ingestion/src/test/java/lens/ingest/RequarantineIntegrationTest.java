package lens.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
 * partition re-read it hours later, once the clock has caught up: it is in the DLT and quarantine already. And the
 * other way round: a record landed under a clock further ahead is not dead-lettered when re-read under a slower one.
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
        Path lake = broker.path("lake");
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
            await().atMost(TIMEOUT).until(() -> status.deadLettered(TOPIC) == 1);

            // when three hours pass (the record is no longer too far ahead) and a failure makes the partition re-read
            // from the lake's position (here, an older claim of the partition fences the next rename: the
            // three-hour jump makes the partition idle, which publishes the open file)
            OwnerMarkers intruder = new OwnerMarkers(Lake.open(lake.toString(), Map.of()), "intruder", GROUP,
                    Clock.systemUTC());
            intruder.claim(TOPIC, 0, 0);
            clock.shift(Duration.ofHours(3));
            // fenced, recovered, claimed back
            await().atMost(TIMEOUT).until(() -> !intruder.current(TOPIC, 0).orElseThrow().instance().equals("intruder"));
            // the re-read reached the quarantined record (the code before landed it instead)
            await().atMost(TIMEOUT).until(() -> replaySkipped(app, TOPIC) >= 1);
        } finally {
            app.close(); // publishes the files still open
        }

        // then the lake holds the good records only, and the bad one stays quarantined once
        assertThat(LakeReader.rows(lake, TOPIC)).extracting(LakeReader.Row::eventId)
                .containsExactlyInAnyOrder("good-0", "good-2");
        assertThat(quarantinedLines(lake)).isEqualTo(1);
    }


    @Test
    void givenARecordLandedUnderAClockFurtherAhead_whenItIsReReadUnderASlowerOne_thenItIsNotDeadLetteredToo()
            throws Exception {
        // given an ingester whose clock runs four hours ahead (another instance's, say)
        Path lake = broker.path("lake-slower");
        ShiftableClock clock = new ShiftableClock();
        clock.shift(Duration.ofHours(4));
        long realNow = System.currentTimeMillis();
        long later = realNow + Duration.ofHours(4).toMillis(); // fine for it; too far ahead for the wall clock
        long sooner = realNow + Duration.ofHours(2).toMillis(); // the same
        Topic topic = Topic.USER_INTERACTIONS; // not the other test's topic: this group reads from the start
        ConfigurableApplicationContext app = Ingesters.startWithClock(broker.bootstrapServers(), lake, clock,
                "lens.ingest.group-id=" + GROUP + "-slower", "lens.ingest.topics=user-interactions",
                "lens.ingest.idle-timeout=10m", "lens.ingest.max-file-age=10m");
        try (TestKafka kafka = new TestKafka(broker.bootstrapServers())) {
            IngestionStatus status = app.getBean(IngestionStatus.class);
            // a file of the later hour stays open from offset 0, so a re-read starts there; the sooner hour is
            // passed at once, so the record at offset 1 lands in its own file
            kafka.send(topic, 0, TestEvents.json(TestEvents.view("open-0", later, 1)));
            kafka.send(topic, 0, TestEvents.json(TestEvents.view("landed-1", sooner, 2)));
            kafka.send(topic, 0, TestEvents.json(TestEvents.view("open-2", later + 1, 3)));
            kafka.flush();
            await().atMost(TIMEOUT).until(() -> status.landed(topic) == 1);

            // when the clock is the wall clock again and a failure makes the partition re-read from offset 0
            // (an older claim fences the rename of the file a late record opens)
            clock.shift(Duration.ofHours(-4));
            new OwnerMarkers(Lake.open(lake.toString(), Map.of()), "intruder", GROUP + "-slower", Clock.systemUTC())
                    .claim(topic, 0, 0);
            kafka.send(topic, 0, TestEvents.json(TestEvents.view("trigger-3", realNow - Duration.ofHours(5).toMillis(),
                    4)));
            kafka.flush();
            // the re-read reached the landed record (the code before dead-lettered it)
            await().atMost(TIMEOUT).until(() -> replaySkipped(app, topic) >= 1);
        } finally {
            app.close();
        }

        // then the landed record is in the lake only; the two now too far ahead were never landed and are dead letters
        assertThat(LakeReader.rows(lake, topic)).extracting(LakeReader.Row::eventId)
                .containsExactlyInAnyOrder("landed-1", "trigger-3");
        assertThat(quarantinedLines(lake)).isEqualTo(2);
    }

    private static double replaySkipped(ConfigurableApplicationContext app, Topic topic) {
        Counter skipped = app.getBean(MeterRegistry.class).find("lens.ingest.records.replay.skipped")
                .tag("topic", topic.topicName()).counter();
        return skipped == null ? 0 : skipped.count();
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
