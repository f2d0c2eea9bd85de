package lens.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
import lens.cli.report.ReportInBrowser;
import lens.events.EventHour;
import lens.events.EventJson;
import lens.events.LakeLayout;
import lens.events.ModelMetric;
import lens.events.Topic;
import lens.sim.PlantedTruth;
import lens.sim.SimulationConfig;
import lens.trainer.job.JobResult;
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
    /** Share of exp-layout units in its treatment arm: a planted sample-ratio mismatch (the split is 50/50). */
    private static final String PLANTED_SRM_SHARE = "0.75";

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
                    "--users", "300", "--movies", "150", "--events-per-hour", "2000", "--seed", "7",
                    "--srm-share", PLANTED_SRM_SHARE);
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
            // the location of the hourly serving metrics
            assertThat(workdir.resolve("lake/results/metrics/window=" + hour.id() + "/summary.json")).exists();
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

    @Test
    void thenEachHoursServingMetricsCountWhatTheSimulatorPublishedInThatHour() {
        PlantedTruth truth = truth();
        for (EventHour hour : hours()) {
            PlantedTruth.ServedHour served = truth.servedPerHour().get(hour.toString());
            Map<String, Double> m = summary(SparkJobs.SERVING_METRICS, hour).metrics();

            assertThat(m.get("inputs_complete")).as("inputs complete, %s", hour).isEqualTo(1.0);
            assertThat(m.get("requests")).as("requests, %s", hour).isEqualTo((double) served.requests());
            assertThat(m.get("responses")).as("responses, %s", hour).isEqualTo((double) served.requests());
            assertThat(m.get("errors")).as("failed responses, %s", hour).isEqualTo((double) served.failed());
            assertThat(m.get("success_rate")).as("success rate, %s", hour)
                    .isCloseTo(1 - (double) served.failed() / served.requests(), within(1e-12));
            served.failedByKind().forEach((kind, n) ->
                    assertThat(m.get("errors." + kind)).as("errors.%s, %s", kind, hour).isEqualTo((double) n));
            assertThat(m.get("latency_max_ms")).as("max latency, %s", hour).isEqualTo(served.maxLatencyMs());
            System.out.printf("e2e serving-metrics %s: requests=%.0f (published %d) errors=%.0f (planted %d %s) "
                            + "success_rate=%.4f p50=%.1f p95=%.1f p99=%.1f max=%.2f ms active_users=%.0f ctr=%.4f%n",
                    hour, m.get("requests"), served.requests(), m.get("errors"), served.failed(),
                    served.failedByKind(), m.get("success_rate"), m.get("latency_p50_ms"), m.get("latency_p95_ms"),
                    m.get("latency_p99_ms"), m.get("latency_max_ms"), m.get("active_users"), m.get("ctr"));
        }
    }

    @Test
    void thenThePlantedLiftLiesInsideTheReportedIntervalAndThePlantedMismatchIsFlagged() {
        PlantedTruth truth = truth();
        EventHour last = hours().get(HOURS - 1);
        JobResult ab = summary(SparkJobs.AB_REPORT, last);
        Map<String, Double> m = ab.metrics();
        String ranker = SimulationConfig.EXPERIMENT + ".";
        String layout = SimulationConfig.SRM_EXPERIMENT + ".";

        for (String arm : List.of("control", "treatment")) {
            for (String experiment : List.of(SimulationConfig.EXPERIMENT, SimulationConfig.SRM_EXPERIMENT)) {
                assertThat(m.get(experiment + "." + arm + ".units")).as("units of %s %s", experiment, arm)
                        .isEqualTo((double) truth.assignedPerArm().get(experiment + "/" + arm));
            }
        }
        assertThat(m.get(ranker + "treatment.lift_ci_low")).isLessThan(truth.treatmentLift());
        assertThat(m.get(ranker + "treatment.lift_ci_high")).isGreaterThan(truth.treatmentLift());
        // the planted 75/25 assignment is flagged against the 50/50 split; the fair experiment is not
        assertThat(m.get(layout + "srm_flag")).isEqualTo(1.0);
        assertThat(m.get(layout + "srm_p_value")).isLessThan(0.001);
        assertThat(m.get(ranker + "srm_flag")).isZero();
        System.out.printf("e2e ab-report %s cumulative: %s control %.0f units %.4f conv, treatment %.0f units %.4f "
                        + "conv; lift %.4f CI [%.4f, %.4f] (planted %.2f) p=%.4g seq CI [%.4f, %.4f]; "
                        + "%s units %.0f/%.0f srm p=%.3g flag=%.0f%n",
                last, SimulationConfig.EXPERIMENT, m.get(ranker + "control.units"),
                m.get(ranker + "control.conversion_rate"), m.get(ranker + "treatment.units"),
                m.get(ranker + "treatment.conversion_rate"), m.get(ranker + "treatment.lift"),
                m.get(ranker + "treatment.lift_ci_low"), m.get(ranker + "treatment.lift_ci_high"),
                truth.treatmentLift(), m.get(ranker + "treatment.p_value"),
                m.get(ranker + "treatment.seq_lift_ci_low"), m.get(ranker + "treatment.seq_lift_ci_high"),
                SimulationConfig.SRM_EXPERIMENT, m.get(layout + "control.units"), m.get(layout + "treatment.units"),
                m.get(layout + "srm_p_value"), m.get(layout + "srm_flag"));
    }

    @Test
    void thenTheHourScopeGuardrailsCoverExactlyTheResponsesServedInThatHour() {
        PlantedTruth truth = truth();
        long servedSoFar = 0;
        for (EventHour hour : hours()) {
            long served = truth.servedPerHour().get(hour.toString()).requests();
            servedSoFar += served;
            JobResult ab = summary(SparkJobs.AB_REPORT, hour);
            // every simulated request is in exp-ranker with an arm
            assertThat(guardrailResponses(ab, "hour")).as("hour-scope guardrail responses, %s", hour)
                    .isEqualTo(served);
            assertThat(guardrailResponses(ab, "cumulative")).as("cumulative guardrail responses, %s", hour)
                    .isEqualTo(servedSoFar);
            assertThat(ab.metrics()).containsKeys(SimulationConfig.EXPERIMENT + ".hour.treatment.error_rate",
                    SimulationConfig.EXPERIMENT + ".hour.treatment.latency_p95_ms",
                    SimulationConfig.EXPERIMENT + ".hour.treatment.guardrail_degraded");
        }
    }

    @Test
    void thenTheDemosReportRendersEveryChartWithDataInHeadlessChromium() throws Exception {
        // the demo's own report, from the jobs' summaries of simulated traffic; the screenshot stays in target/
        Path report = workdir.resolve("report.html");
        ReportInBrowser.assertEveryChartRendersWithData(report,
                Path.of("target", "lens-demo-report.png").toAbsolutePath(), dir);
        // a '-' cell is a metric the report looks for and the jobs' summaries do not have
        assertThat(Files.readString(report)).doesNotContain("<td>-</td>");
    }

    @SuppressWarnings("unchecked")
    private static long guardrailResponses(JobResult ab, String scope) {
        Map<String, Object> experiment = ((List<Map<String, Object>>) ab.details().get("experiments")).stream()
                .filter(e -> SimulationConfig.EXPERIMENT.equals(e.get("experimentId"))).findFirst().orElseThrow();
        Map<String, Object> body = (Map<String, Object>) ((Map<String, Object>) experiment.get("scopes")).get(scope);
        return ((List<Map<String, Object>>) body.get("guardrails")).stream()
                .mapToLong(g -> g.get("responses") instanceof Number n ? n.longValue() : 0).sum();
    }

    private static JobResult summary(String job, EventHour hour) {
        try {
            return JobResult.fromJson(Files.readAllBytes(workdir.resolve("lake").resolve(LakeLayout.summary(job, hour))));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
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
