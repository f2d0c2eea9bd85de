package lens.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import lens.events.EventHour;
import lens.events.EventJson;
import lens.events.HourManifest;
import lens.events.LakeLayout;
import lens.events.Topic;
import lens.ingest.support.BrokerPerClass;
import lens.ingest.support.Ingesters;
import lens.ingest.support.LakeReader;
import lens.ingest.support.TestEvents;
import lens.ingest.support.TestKafka;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The exactly-once proof: a child-JVM ingester is SIGKILLed at random moments while a producer publishes
 * events with unique ids (and some bad ones). After every kill the lake holds no id twice and nothing that
 * was not produced; at the end it holds exactly the produced set, and every bad record is quarantined once.
 */
@Tag("slow")
class KillRecoveryTest {

    private static final int KILLS = 5;
    private static final int EVENTS = 9_000;

    @RegisterExtension
    static final BrokerPerClass broker = new BrokerPerClass(3);

    @Test
    void givenAnIngesterKilledFiveTimesWhileEventsArePublished_thenEveryEventLandsExactlyOnce() throws Exception {
        Path lake = broker.path("lake");
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Set<String> produced = ConcurrentHashMap.newKeySet();
        AtomicBoolean producing = new AtomicBoolean(true);
        int[] badCount = {0};
        Thread producer = new Thread(() -> {
            long now = System.currentTimeMillis();
            Random r = new Random(seed + 1);
            try (TestKafka kafka = new TestKafka(broker.bootstrapServers())) {
                for (int i = 0; i < EVENTS; i++) {
                    long ts = now - 3 * 3_600_000L + (long) (r.nextDouble() * 3 * 3_600_000L);
                    String id = "e-" + i;
                    if (i % 3 == 0) {
                        kafka.send(TestEvents.response(id, ts, i % 101));
                    } else {
                        kafka.send(TestEvents.view(id, ts, i % 101));
                    }
                    produced.add(id);
                    if (i % 500 == 250) {
                        kafka.send(Topic.USER_INTERACTIONS, "bad", TestEvents.utf8("{broken " + i));
                        badCount[0]++;
                    }
                    if (i % 100 == 0) {
                        // paced over about a minute and a half, so every kill hits an ingester with work to do
                        kafka.flush();
                        Thread.sleep(1000);
                    }
                }
                kafka.flush();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                producing.set(false);
            }
        }, "kill-test-producer");
        producer.start();

        for (int kill = 1; kill <= KILLS; kill++) {
            Path log = broker.path("ingester-" + kill + ".log");
            int filesBefore = landedFileCount(lake);
            Process child = startChildIngester(lake, log);
            try {
                awaitLogLine(log, "recovered: position", Duration.ofSeconds(120));
                // kill only after this instance has published 1 to 6 files: mid-stream, between publishes and commits
                awaitMoreFiles(lake, filesBefore + random.nextInt(6), Duration.ofSeconds(60));
                Thread.sleep(random.nextInt(1500));
            } finally {
                child.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
                child.waitFor(30, TimeUnit.SECONDS);
            }
            assertNoDuplicatesAndNothingForeign(lake, produced, "after kill " + kill + " (seed " + seed + ")");
        }
        producer.join(TimeUnit.MINUTES.toMillis(5));
        assertThat(producing).isFalse();

        try (ConfigurableApplicationContext app = Ingesters.start(broker.bootstrapServers(), lake,
                "lens.ingest.group-id=kill-test", "lens.ingest.max-rows-per-file=500",
                "lens.ingest.session-timeout=6s")) {
            assertThat(app.getBean(IngestionStatus.class).awaitQuiescent(Duration.ofSeconds(180))).isTrue();
        }
        List<String> landed = landedIds(lake);
        assertThat(landed).as("seed %s", seed).doesNotHaveDuplicates();
        assertThat(new HashSet<>(landed)).as("seed %s", seed).isEqualTo(produced);
        // data, quarantine, manifest and state temps alike: the next owner of each cleans what a kill left
        assertThat(LakeReader.hiddenTempFiles(lake)).as("seed %s", seed).isEmpty();
        assertManifestsCountWhatIsInTheirFolders(lake);

        List<String> quarantined = new ArrayList<>();
        try (Stream<Path> files = Files.walk(lake.resolve(LakeLayout.QUARANTINE))) {
            for (Path file : files.filter(p -> p.getFileName().toString().endsWith(".jsonl")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    JsonNode node = EventJson.mapper().readTree(line);
                    quarantined.add(node.get("partition").asInt() + "/" + node.get("offset").asLong());
                }
            }
        }
        assertThat(quarantined).as("seed %s", seed).doesNotHaveDuplicates().hasSize(badCount[0]);
    }

    /** Every manifest, however many revisions crashes and late events caused, counts exactly its folder's rows. */
    private static void assertManifestsCountWhatIsInTheirFolders(Path lake) {
        for (Topic topic : List.of(Topic.USER_INTERACTIONS, Topic.RECOMMENDATION_RESPONSES)) {
            Map<EventHour, Long> rowsByHour = LakeReader.rows(lake, topic).stream()
                    .collect(Collectors.groupingBy(LakeReader.Row::folderHour, Collectors.counting()));
            int manifested = 0;
            for (Map.Entry<EventHour, Long> hour : rowsByHour.entrySet()) {
                Optional<HourManifest> manifest = HourManifest.readLocal(lake, topic, hour.getKey());
                if (manifest.isPresent()) {
                    manifested++;
                    assertThat(manifest.get().rows()).as("%s %s", topic, hour.getKey()).isEqualTo(hour.getValue());
                }
            }
            assertThat(manifested).as("past hours of %s are manifested", topic).isGreaterThanOrEqualTo(2);
        }
    }

    private static int landedFileCount(Path lake) {
        return LakeReader.dataFiles(lake, Topic.USER_INTERACTIONS).size()
                + LakeReader.dataFiles(lake, Topic.RECOMMENDATION_RESPONSES).size();
    }

    /** Waits for new files; gives up quietly once the producer is done and everything may already be landed. */
    private static void awaitMoreFiles(Path lake, int before, Duration timeout) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (landedFileCount(lake) <= before && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
    }

    private static List<String> landedIds(Path lake) {
        List<String> ids = new ArrayList<>();
        for (Topic topic : List.of(Topic.USER_INTERACTIONS, Topic.RECOMMENDATION_RESPONSES)) {
            LakeReader.rows(lake, topic).forEach(r -> ids.add(r.eventId()));
        }
        return ids;
    }

    private static void assertNoDuplicatesAndNothingForeign(Path lake, Set<String> produced, String when) {
        List<String> landed = landedIds(lake);
        Map<String, Long> counts = landed.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(counts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList())
                .as("ids landed twice " + when).isEmpty();
        assertThat(produced).as("landed ids were produced " + when).containsAll(landed);
    }

    private static Process startChildIngester(Path lake, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                IngesterMain.class.getName(),
                "--lens.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                "--lens.lake.root=" + lake,
                "--lens.ingest.group-id=kill-test",
                "--lens.ingest.idle-timeout=1s",
                "--lens.ingest.grace=1m",
                "--lens.ingest.max-rows-per-file=300",
                "--lens.ingest.max-file-age=1s",
                "--lens.ingest.max-poll-records=300",
                // the killed instance's partitions move to its successor after this, not after the default 45s
                "--lens.ingest.session-timeout=6s",
                "--spring.jmx.enabled=false",
                "--spring.main.banner-mode=off");
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void awaitLogLine(Path log, String text, Duration timeout) throws Exception {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (System.currentTimeMillis() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("child ingester did not log '" + text + "' within " + timeout + ": " + log);
    }
}
