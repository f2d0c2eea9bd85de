package lens.trainer.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import lens.events.EventHour;
import lens.trainer.job.JobRequest;
import lens.trainer.job.JobResult;
import lens.trainer.job.SparkJobRunner;
import lens.trainer.testlake.TestLake;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plants a known hour of serving traffic in a real Parquet lake and checks every metric against a plain-Java
 * computation over the same events.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServingMetricsJobTest {

    private static final EventHour HOUR = EventHour.parse("2026-11-29T08");
    private static final EventHour NEXT = HOUR.plusHours(1);
    private static final int ATTRIBUTION_MINUTES = 30;

    private Path dir;

    private SparkSession spark;
    private TestLake lake;

    private record Response(long ts, String requestId, long user, String model, String version, double latency,
                            boolean success, String errorKind, List<Long> movies) {
    }

    private record Click(long ts, long user, long movie) {
    }

    private final List<Response> responses = new ArrayList<>();
    private final List<Click> clicks = new ArrayList<>();
    private final Set<Long> hourUsers = new HashSet<>();
    private final Set<Long> nextHourUsers = new HashSet<>();
    private final List<Double> allLatencies = new ArrayList<>();
    private static final EventHour OPEN = HOUR.plusHours(5);
    private JobResult hourResult;
    private JobResult nextResult;
    private JobResult openResult;
    private long hourRequests;
    private long nextRequests;

    @BeforeAll
    void plantTwoHours(@TempDir Path tempDir) {
        dir = tempDir;
        spark = TestLake.localSpark("serving-metrics-test");
        lake = new TestLake(spark, dir.resolve("lake"));
        Random random = new Random(42);
        plantHour(HOUR, 200, 10, 1, 40, 3.0, random);
        plantHour(NEXT, 60, 0, 41, 70, 5.0, random);
        lake.land();
        // one run per hour, shared by the tests: each test reads its own aspect of the same results
        hourResult = run(HOUR);
        nextResult = run(NEXT);
        lake.request(OPEN.startMillis() + 1000, "open-1", 1, null, null);
        lake.land(false);
        openResult = run(OPEN);
        try {
            Files.write(Path.of("target", "example-serving-metrics-summary.json"), hourResult.toJson());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Requests every 15 s; the last {@code unanswered} get no response; users cycle over [firstUser, lastUser]. */
    private void plantHour(EventHour hour, int requests, int unanswered, int firstUser, int lastUser,
                           double logLatency, Random random) {
        int users = lastUser - firstUser + 1;
        for (int i = 0; i < requests; i++) {
            long ts = hour.startMillis() + i * 15_000L;
            long user = firstUser + i % users;
            String experiment = i % 4 == 0 ? null : "exp1";
            String variant = i % 4 == 0 ? null : i % 4 == 2 ? "control" : "treatment";
            String requestId = hour.id() + "-r" + i;
            lake.request(ts, requestId, user, experiment, variant);
            if (hour.equals(HOUR)) {
                hourRequests++;
            } else {
                nextRequests++;
            }
            if (i >= requests - unanswered) {
                continue;
            }
            boolean pop = i % 3 == 0;
            double latency = Math.exp(logLatency + random.nextGaussian());
            String errorKind = i % 25 == 7 ? "timeout" : i % 40 == 13 ? "model_unavailable" : null;
            boolean success = errorKind == null;
            List<Long> movies = !success ? null : i % 37 == 5 ? List.of()
                    : List.of(100 + (user * 7) % 50, 101 + (user * 7) % 50, 102 + (user * 7) % 50);
            Response r = new Response(ts + 50, requestId, user, pop ? "popularity" : "als", pop ? "v2" : "v1",
                    latency, success, errorKind, movies);
            responses.add(r);
            allLatencies.add(latency);
            lake.response(r.ts, r.requestId, r.user, r.model, r.version, r.latency, r.success, r.errorKind, r.movies,
                    experiment, variant);
            if (success && !movies.isEmpty() && i % 5 == 0) {
                // a click 20 minutes later: inside the attribution window, sometimes in the next hour
                click(r.ts + 20 * 60_000L, user, movies.get(0));
            }
            if (success && !movies.isEmpty() && i % 7 == 0) {
                // 45 minutes later: outside the window
                click(r.ts + 45 * 60_000L, user, movies.get(1));
            }
        }
        for (long user = firstUser; user <= lastUser; user++) {
            long ts = hour.startMillis() + (user - firstUser) * 60_000L + 30_000;
            lake.interaction(ts, user, 500 + user, "VIEW", null);
            users(hour).add(user);
        }
        if (hour.equals(HOUR)) {
            for (long user = 1; user <= 30; user++) {
                lake.interaction(hour.startMillis() + 17 * 60_000L + user * 1000, user, 900, "RATE", 4.0);
            }
        }
    }

    private Set<Long> users(EventHour hour) {
        return hour.equals(HOUR) ? hourUsers : nextHourUsers;
    }

    private void click(long ts, long user, long movie) {
        clicks.add(new Click(ts, user, movie));
        lake.interaction(ts, user, movie, "CLICK", null);
        users(EventHour.of(ts)).add(user);
    }

    @AfterAll
    void stopSpark() {
        spark.stop();
    }

    private JobResult run(EventHour hour) {
        return SparkJobRunner.run(spark, "serving-metrics", new JobRequest(lake.root(), dir.toString(), hour,
                Map.of("metrics.ctr-attribution-minutes", Integer.toString(ATTRIBUTION_MINUTES))));
    }

    private List<Response> responsesOf(EventHour hour) {
        return responses.stream().filter(r -> hour.contains(r.ts)).toList();
    }

    private static double lowerQuantile(List<Double> values, double q) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[(int) Math.floor(q * (sorted.length - 1))];
    }

    @Test
    void givenAPlantedHour_whenServingMetricsRun_thenCountsRatesAndSharesMatchTheEvents() {
        JobResult result = hourResult;
        Map<String, Double> m = result.metrics();
        List<Response> hour = responsesOf(HOUR);
        long successes = hour.stream().filter(Response::success).count();
        long timeouts = hour.stream().filter(r -> "timeout".equals(r.errorKind)).count();
        long empty = hour.stream().filter(r -> r.success && r.movies.isEmpty()).count();

        assertThat(m.get("requests")).isEqualTo((double) hourRequests);
        assertThat(m.get("responses")).isEqualTo((double) hour.size());
        assertThat(m.get("unanswered_requests")).isEqualTo(10.0);
        assertThat(m.get("success_rate")).isCloseTo((double) successes / hour.size(), within(1e-12));
        assertThat(m.get("errors.timeout")).isEqualTo((double) timeouts);
        assertThat(m.get("errors")).isEqualTo((double) (hour.size() - successes));
        assertThat(m.get("empty_result_rate")).isCloseTo((double) empty / successes, within(1e-12));
        assertThat(m.get("arm.exp1.treatment.share")).isCloseTo(0.5, within(1e-12));
        assertThat(m.get("arm.exp1.control.share")).isCloseTo(0.25, within(1e-12));
        assertThat(m.get("no_experiment.share")).isCloseTo(0.25, within(1e-12));
        // names go into model-metrics and the batch side's validation: every one a safe identifier
        assertThat(m.keySet()).allMatch(name -> name.matches(lens.events.Field.SAFE_IDENTIFIER), "safe identifier");
        assertThat(m.get("inputs_complete")).isEqualTo(1.0);
        assertThat(m.get("ctr_window_complete")).isEqualTo(1.0);
        assertThat(m.get("model.als.v1.requests") + m.get("model.popularity.v2.requests"))
                .isEqualTo((double) hour.size());
    }

    @Test
    void givenLongTailedLatencies_whenServingMetricsRun_thenPercentilesAreWithinOnePercentOverallAndPerModel() {
        Map<String, Double> m = hourResult.metrics();
        List<Double> all = responsesOf(HOUR).stream().map(Response::latency).toList();
        List<Double> als = responsesOf(HOUR).stream().filter(r -> r.model.equals("als")).map(Response::latency)
                .toList();

        for (double q : new double[] {0.5, 0.95, 0.99}) {
            String name = "latency_p" + Math.round(q * 100) + "_ms";
            assertThat(m.get(name)).as(name).isCloseTo(lowerQuantile(all, q), within(0.01 * lowerQuantile(all, q)));
            assertThat(m.get("model.als.v1." + name)).as("als " + name)
                    .isCloseTo(lowerQuantile(als, q), within(0.01 * lowerQuantile(als, q)));
        }
        assertThat(m.get("latency_max_ms")).isEqualTo(all.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
    }

    @Test
    void givenClicksInAndOutOfTheWindow_whenServingMetricsRun_thenCtrCountsOnlyAttributedImpressions() {
        Map<String, Double> m = hourResult.metrics();
        long impressions = 0;
        long clicked = 0;
        for (Response r : responsesOf(HOUR)) {
            if (!r.success) {
                continue;
            }
            for (long movie : new HashSet<>(r.movies)) {
                impressions++;
                boolean hit = clicks.stream().anyMatch(c -> c.user == r.user && c.movie == movie && c.ts >= r.ts
                        && c.ts <= r.ts + ATTRIBUTION_MINUTES * 60_000L);
                clicked += hit ? 1 : 0;
            }
        }

        assertThat(clicked).isGreaterThan(5);
        assertThat(m.get("impressions")).isEqualTo((double) impressions);
        assertThat(m.get("clicked_impressions")).isEqualTo((double) clicked);
        assertThat(m.get("ctr")).isCloseTo((double) clicked / impressions, within(1e-12));
    }

    @Test
    void givenABurstAtMinute17_whenServingMetricsRun_thenActiveUsersAndPeakMinuteMatch() {
        JobResult result = hourResult;
        Map<String, Double> m = result.metrics();

        assertThat(m.get("active_users")).isEqualTo((double) hourUsers.size());
        assertThat(m.get("peak_minute_of_hour")).isEqualTo(17.0);
        assertThat(m.get("interactions_per_user.rate")).isCloseTo(30.0 / hourUsers.size(), within(1e-12));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> top = (List<Map<String, Object>>) result.details().get("topMovies");
        assertThat(top.get(0)).containsEntry("movieId", 900L).containsEntry("interactions", 30L);
    }

    @Test
    void givenARun_whenFinished_thenSummaryAndParquetTablesAreInTheLake() throws Exception {
        JobResult result = hourResult;

        // the location: <lake>/results/metrics/..., whatever the job is called
        Path summary = dir.resolve("lake").resolve("results/metrics/window=" + HOUR.id() + "/summary.json");
        JobResult read = JobResult.fromJson(Files.readAllBytes(summary));
        assertThat(read.metrics()).isEqualTo(result.metrics());
        assertThat(result.outputs()).containsExactly("results/metrics/window=" + HOUR.id() + "/models",
                "results/metrics/window=" + HOUR.id() + "/state");
        List<Row> models = spark.read().parquet(lake.root() + "/" + result.outputs().get(0)).collectAsList();
        assertThat(models).extracting(r -> r.getString(0)).containsExactlyInAnyOrder("als", "popularity", "*");
        Row overall = models.stream().filter(r -> r.getString(0).equals("*")).findFirst().orElseThrow();
        assertThat(overall.getLong(2)).isEqualTo(responsesOf(HOUR).size());
    }

    @Test
    void givenTwoHourlyStates_whenRolledUpToTheDay_thenCountsAddAndPercentilesComeFromMergedSketches() {
        assertThat(nextResult.metrics().get("ctr_window_complete")).isZero();

        JobResult day = new DailyServingRollupJob().run(spark, new JobRequest(lake.root(), dir.toString(), NEXT,
                Map.of()));
        Map<String, Double> m = day.metrics();

        assertThat(day.window()).isEqualTo("2026-11-29T00:00Z");
        assertThat(day.details().get("hours")).isEqualTo(List.of(HOUR.toString(), NEXT.toString(), OPEN.toString()));
        assertThat(day.details().get("incompleteHours")).isEqualTo(List.of(OPEN.toString()));
        assertThat(m.get("inputs_complete")).isZero();
        assertThat(m.get("requests")).isEqualTo((double) (hourRequests + nextRequests));
        double exactP95 = lowerQuantile(allLatencies, 0.95);
        assertThat(m.get("latency_p95_ms")).isCloseTo(exactP95, within(0.01 * exactP95));
        Set<Long> union = new HashSet<>(hourUsers);
        union.addAll(nextHourUsers);
        assertThat(m.get("active_users")).isCloseTo(union.size(), within(2.0));
    }

    @Test
    void givenAnHourWithoutManifests_whenServingMetricsRun_thenNothingIsReadAndTheSummarySaysIncomplete() {
        Map<String, Double> m = openResult.metrics();

        assertThat(m.get("inputs_complete")).isEqualTo(0.0);
        assertThat(m.get("requests")).isZero();
        assertThat(m).doesNotContainKeys("success_rate", "latency_p95_ms", "ctr");
        assertThat(Arrays.asList(m.values().toArray(new Double[0]))).noneMatch(v -> v.isNaN());
    }
}
