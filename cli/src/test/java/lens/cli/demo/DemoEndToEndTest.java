package lens.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import lens.broker.KafkaBroker;
import lens.cli.Lens;
import lens.events.EventHour;
import lens.events.EventJson;
import lens.events.LakeLayout;
import lens.events.ModelMetric;
import lens.events.Topic;
import lens.sim.PlantedTruth;
import lens.trainer.job.SparkJobs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walking skeleton, end to end on real parts: a real broker, simulated traffic, the ingester, the hourly jobs
 * through Spring Batch and Spark, publishing to model-metrics. The demo gets an external broker here (the test's)
 * so that the test can read the topics after the demo has stopped what it started.
 */
class DemoEndToEndTest {

    private static final List<String> JOBS = List.of(SparkJobs.ALS_RETRAIN, SparkJobs.SERVING_METRICS,
            SparkJobs.AB_REPORT);
    private static final int HOURS = 2;

    @TempDir
    static Path dir;
    static KafkaBroker broker;
    static Path workdir;
    static int exitCode;
    static String output;

    @BeforeAll
    static void runTheDemo() {
        broker = KafkaBroker.start(dir.resolve("broker"));
        workdir = dir.resolve("work");
        var buffer = new java.io.ByteArrayOutputStream();
        var originalOut = System.out;
        System.setOut(new java.io.PrintStream(new TeeStream(buffer, originalOut), true));
        try {
            exitCode = Lens.commandLine().execute("demo", "--workdir", workdir.toString(),
                    "--bootstrap-servers", broker.bootstrapServers(), "--hours", String.valueOf(HOURS),
                    "--users", "120", "--movies", "150", "--events-per-hour", "2000", "--seed", "7");
        } finally {
            System.setOut(originalOut);
        }
        output = buffer.toString();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void thenTheDemoExitsZeroAndPrintsItsSummary() {
        assertThat(exitCode).as(output).isZero();
        assertThat(output).contains("RMSE").contains("p95").contains("exp-ranker").contains("report");
    }

    @Test
    void thenTheLakeHoldsEveryValidEventOnceReadableBySparkWithHivePartitioning() {
        PlantedTruth truth = truth();
        SparkSession spark = SparkSession.builder().master("local[2]").appName("e2e-check")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate();
        for (Topic topic : Topic.values()) {
            var table = spark.read().parquet(workdir.resolve("lake").resolve(LakeLayout.topicDir(topic)).toString());
            long rows = table.count();
            long distinctIds = table.select("eventId").distinct().count();
            long hours = table.select("date", "hour").distinct().count();
            assertThat(rows).as("rows of %s", topic).isEqualTo(truth.validPerTopic().get(topic.topicName()));
            assertThat(distinctIds).as("distinct event ids of %s", topic).isEqualTo(rows);
            assertThat(hours).as("hour partitions of %s", topic).isEqualTo(HOURS);
        }
    }

    @Test
    void thenEveryMalformedMessageIsInItsDeadLetterTopic() {
        PlantedTruth truth = truth();
        Map<Topic, Long> deadLetters = DeadLetterCounts.count(broker.bootstrapServers());
        for (Topic topic : Topic.values()) {
            assertThat(deadLetters.get(topic)).as("dead letters of %s", topic)
                    .isEqualTo(truth.invalidPerTopic().get(topic.topicName()));
        }
    }

    @Test
    void thenAModelAndTheThreeResultsExistForEveryHour() throws IOException {
        try (Stream<Path> models = Files.list(workdir.resolve("models").resolve("als"))) {
            assertThat(models.filter(Files::isDirectory).count()).isPositive();
        }
        for (EventHour hour : hours()) {
            for (String job : JOBS) {
                assertThat(workdir.resolve("lake").resolve(LakeLayout.summary(job, hour))).exists();
            }
        }
    }

    @Test
    void thenModelMetricsHoldsOneSummaryPerJobAndHour() {
        Set<String> published = new HashSet<>();
        try (var consumer = new KafkaConsumer<String, byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-check",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topic.MODEL_METRICS.topicName()));
            long deadline = System.currentTimeMillis() + 30_000;
            while (published.size() < JOBS.size() * HOURS && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    ModelMetric metric = read(record.value());
                    if (metric != null && JOBS.contains(metric.source())) {
                        published.add(metric.source() + "|" + EventHour.parse(metric.window()));
                    }
                }
            }
        }
        for (EventHour hour : hours()) {
            for (String job : JOBS) {
                assertThat(published).contains(job + "|" + hour);
            }
        }
    }

    private static ModelMetric read(byte[] json) {
        if (json == null) {
            return null; // the simulator's tombstones are among the malformed messages
        }
        try {
            return EventJson.mapper().readValue(json, ModelMetric.class);
        } catch (IOException e) {
            return null;
        }
    }

    private static PlantedTruth truth() {
        try (Stream<Path> files = Files.list(workdir.resolve("simulation"))) {
            return PlantedTruth.read(files.filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<EventHour> hours() {
        EventHour first = truth().config().firstHour();
        return java.util.stream.IntStream.range(0, HOURS).mapToObj(first::plusHours).toList();
    }

    /** Echoes the demo's output to the console while capturing it. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int value) throws IOException {
            a.write(value);
            b.write(value);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            a.write(bytes, offset, length);
            b.write(bytes, offset, length);
        }
    }
}
