package lens.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import lens.broker.KafkaBroker;
import lens.events.EventHour;
import lens.events.EventValidator;
import lens.events.Topic;
import lens.events.Validation;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Replays small MovieLens files into a real broker and reads back what landed. */
class ReplayMovieLensCommandTest {

    private static KafkaBroker broker;

    @TempDir
    static Path brokerDir;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.start(brokerDir.resolve("kafka"));
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    private int run(String... args) {
        CommandLine command = new CommandLine(new ReplayMovieLensCommand());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return command.execute(args);
    }

    @Test
    void givenAUDataFileWithABadLine_whenReplayedWithARebase_thenGoodRatingsLandAsValidRateEventsAndTheBadLineIsReported()
            throws Exception {
        String topic = Topic.USER_INTERACTIONS.topicName();
        broker.createTopics(List.of(topic), 1);
        Path ml = Files.createDirectories(dir.resolve("ml-100k"));
        Files.writeString(ml.resolve("u.data"), String.join("\n",
                "196\t242\t3\t881250949",
                "186\t302\t3\t891717742",
                "22\t377\t1\t878887116",
                "this is not a rating",
                "244\t51\t2\t880606923",
                "166\t346\t1\t886397596") + "\n");

        EventHour lastHour = EventHour.containing(java.time.Instant.now()).plusHours(-1);
        int status = run(ml.toString(), "--bootstrap-servers", broker.bootstrapServers(),
                "--rebase-to", lastHour.id());

        assertThat(status).as(err.toString()).isEqualTo(1);
        assertThat(out.toString()).contains("published 5 ratings");
        assertThat(err.toString()).contains("skipped 1 lines").contains("u.data:4:");
        List<ConsumerRecord<String, byte[]>> records = consume(topic, 5);
        assertThat(records).hasSize(5);
        EventValidator validator = EventValidator.withDefaults();
        long latest = 0;
        for (ConsumerRecord<String, byte[]> record : records) {
            Validation validation = validator.validate(Topic.USER_INTERACTIONS, record.value());
            assertThat(validation).as(new String(record.value())).isInstanceOf(Validation.Valid.class);
            latest = Math.max(latest, ((Validation.Valid) validation).timestamp());
        }
        // 891717742 s is the file's last rating: rebased into lastHour, the others moved by the same amount
        assertThat(EventHour.of(latest)).isEqualTo(lastHour);
        assertThat(records.get(0).key()).isEqualTo("196");
        assertThat(new String(records.get(0).value())).contains("\"interactionType\":\"RATE\"")
                .contains("\"rating\":3.0").contains("\"eventId\":\"ml-196-242-881250949000\"");
    }

    @Test
    void givenPre2000RatingsWithoutARebase_whenReplayed_thenNothingIsPublishedAndTheFixIsSuggested() throws Exception {
        Path ml = Files.createDirectories(dir.resolve("old"));
        Files.writeString(ml.resolve("u.data"), "196\t242\t3\t881250949\n");

        assertThat(run(ml.toString(), "--bootstrap-servers", broker.bootstrapServers())).isEqualTo(2);
        assertThat(err.toString()).contains("--rebase-to");
    }

    @Test
    void givenAFolderWithoutRatings_whenReplayed_thenItSaysWhichFilesItLooksFor() {
        assertThat(run(dir.toString(), "--bootstrap-servers", broker.bootstrapServers())).isEqualTo(2);
        assertThat(err.toString()).contains("u.data").contains("ratings.csv");
    }

    private static List<ConsumerRecord<String, byte[]>> consume(String topic, int expected) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "replay-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            // anything beyond the expected count would be a duplicate: give it a moment to show up
            consumer.poll(Duration.ofSeconds(1)).forEach(records::add);
        }
        return records;
    }
}
