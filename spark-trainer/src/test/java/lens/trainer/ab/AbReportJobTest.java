package lens.trainer.ab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import lens.events.EventHour;
import lens.trainer.job.JobRequest;
import lens.trainer.job.JobResult;
import lens.trainer.job.SparkJobRunner;
import lens.trainer.testlake.TestLake;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plants three experiments in a real Parquet lake: one with a known lift (and CUPED-able pre-period activity,
 * a slower treatment, users in two arms, conversions before and without assignment), one with a sample-ratio
 * mismatch, one with an arm that never got traffic. Runs ab-report once and reads its result from every angle.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AbReportJobTest {

    private static final EventHour HOUR = EventHour.parse("2026-11-29T10");
    private static final EventHour FIRST = HOUR.plusHours(-2);
    private static final double CONTROL_RATE = 0.20;
    private static final double TREATMENT_RATE = 0.26;
    private static final double PLANTED_LIFT = TREATMENT_RATE / CONTROL_RATE - 1;

    private SparkSession spark;
    private JobResult result;
    private Map<String, Double> m;
    private long unitsAssignedInHour;
    private long responsesInHour;
    private JobRequest request;

    @BeforeAll
    void plantAndRun(@TempDir Path dir) {
        spark = TestLake.localSpark("ab-report-test");
        TestLake lake = new TestLake(spark, dir.resolve("lake"));
        Random random = new Random(2026);
        long span = HOUR.endMillis() - 5 * 60_000L - FIRST.startMillis();
        for (long user = 1; user <= 3000; user++) {
            boolean treatment = random.nextBoolean();
            String arm = treatment ? "treatment" : "control";
            long assigned = FIRST.startMillis() + (long) (random.nextDouble() * span);
            unitsAssignedInHour += HOUR.contains(assigned) ? 1 : 0;
            lake.abEvent(assigned, "rec-model", arm, user, "ASSIGNMENT", null);
            if (random.nextDouble() < (treatment ? TREATMENT_RATE : CONTROL_RATE)) {
                lake.abEvent(assigned + 60_000, "rec-model", arm, user, "CONVERSION", 9.99);
            }
            if (user <= 7) {
                lake.abEvent(assigned - 30 * 60_000L, "rec-model", arm, user, "CONVERSION", 9.99);
            }
            // activity level: the same before and after assignment, so the pre-period predicts the metric
            int activity = random.nextInt(5);
            for (int v = 0; v < activity; v++) {
                lake.interaction(assigned - 2 * 3_600_000L + v * 1000, user, 1 + v, "VIEW", null);
            }
            int post = activity + (treatment ? 1 : 0) + (random.nextBoolean() ? 1 : 0);
            for (int v = 0; v < post; v++) {
                lake.interaction(assigned + 1000 + v * 1000, user, 1 + v, "VIEW", null);
            }
            double logLatency = treatment ? 3.7 : 3.0;
            if (user % 4 == 0) {
                for (int r = 0; r < 2; r++) {
                    boolean success = random.nextDouble() >= 0.02;
                    responsesInHour += HOUR.contains(assigned + 2000 + r) ? 1 : 0;
                    lake.response(assigned + 2000 + r, "req-" + user + "-" + r, user, "als", "v1",
                            Math.exp(logLatency + 0.3 * random.nextGaussian()), success,
                            success ? null : "timeout", success ? List.of(1L, 2L) : null, "rec-model", arm);
                }
            }
        }
        for (long user = 5001; user <= 5005; user++) {
            lake.abEvent(HOUR.startMillis() + user, "rec-model", "control", user, "ASSIGNMENT", null);
            lake.abEvent(HOUR.startMillis() + user + 1000, "rec-model", "treatment", user, "ASSIGNMENT", null);
        }
        for (long user = 6001; user <= 6003; user++) {
            lake.abEvent(HOUR.startMillis() + user, "rec-model", "treatment", user, "CONVERSION", 1.0);
        }
        for (long user = 10_001; user <= 11_000; user++) {
            String arm = random.nextDouble() < 0.6 ? "control" : "treatment";
            long assigned = FIRST.startMillis() + (long) (random.nextDouble() * span);
            lake.abEvent(assigned, "srm-exp", arm, user, "ASSIGNMENT", null);
            if (random.nextDouble() < 0.1) {
                lake.abEvent(assigned + 1000, "srm-exp", arm, user, "CONVERSION", null);
            }
        }
        for (long user = 20_001; user <= 20_300; user++) {
            String arm = user % 2 == 0 ? "control" : "treatment";
            long assigned = FIRST.startMillis() + (long) (random.nextDouble() * span);
            lake.abEvent(assigned, "empty-arm", arm, user, "ASSIGNMENT", null);
            if (user % 5 < 2) {
                lake.abEvent(assigned + 1000, "empty-arm", arm, user, "CONVERSION", null);
            }
        }
        lake.land();
        request = new JobRequest(lake.root(), dir.toString(), HOUR, Map.of(
                "ab.rec-model.split", "control:50,treatment:50",
                "ab.srm-exp.split", "control:50,treatment:50",
                "ab.empty-arm.split", "control:1,treatment:1,variant-b:1",
                "ab.cuped.pre-hours", "3",
                "ab.lookback-hours", "24"));
        result = SparkJobRunner.run(spark, "ab-report", request);
        m = result.metrics();
        // kept as an example of the summary this job publishes (docs, reviews)
        try {
            java.nio.file.Files.write(Path.of("target", "example-ab-report-summary.json"), result.toJson());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterAll
    void stopSpark() {
        spark.stop();
    }

    @Test
    void givenAPlantedLift_whenReported_thenThePlantedLiftLiesInsideTheReportedIntervals() {
        assertThat(m.get("rec-model.control.conversion_rate")).isCloseTo(CONTROL_RATE, within(0.03));
        assertThat(m.get("rec-model.treatment.conversion_rate")).isCloseTo(TREATMENT_RATE, within(0.03));
        assertThat(m.get("rec-model.treatment.lift_ci_low")).isLessThan(PLANTED_LIFT);
        assertThat(m.get("rec-model.treatment.lift_ci_high")).isGreaterThan(PLANTED_LIFT);
        assertThat(m.get("rec-model.treatment.abs_lift_ci_low")).isLessThan(TREATMENT_RATE - CONTROL_RATE);
        assertThat(m.get("rec-model.treatment.abs_lift_ci_high")).isGreaterThan(TREATMENT_RATE - CONTROL_RATE);
        assertThat(m.get("rec-model.treatment.p_value")).isLessThan(0.05);
        // the always-valid interval is wider, and still covers the truth
        assertThat(m.get("rec-model.treatment.seq_lift_ci_low")).isLessThan(m.get("rec-model.treatment.lift_ci_low"));
        assertThat(m.get("rec-model.treatment.seq_lift_ci_high"))
                .isGreaterThan(m.get("rec-model.treatment.lift_ci_high"));
    }

    @Test
    void givenA60To40SplitConfiguredAs50To50_whenReported_thenSampleRatioMismatchIsFlaggedOnlyThere() {
        assertThat(m.get("srm-exp.srm_flag")).isEqualTo(1.0);
        assertThat(m.get("srm-exp.srm_p_value")).isLessThan(0.001);
        assertThat(m.get("rec-model.srm_flag")).isZero();
    }

    @Test
    void givenUsersInTwoArmsAndStrayConversions_whenReported_thenTheyAreCountedAndKeptOut() {
        assertThat(m.get("rec-model.multi_arm_units")).isEqualTo(5.0);
        assertThat(m.get("rec-model.conversions_before_assignment")).isEqualTo(7.0);
        assertThat(m.get("rec-model.conversions_without_assignment")).isEqualTo(3.0);
        assertThat(m.get("rec-model.control.units") + m.get("rec-model.treatment.units")).isEqualTo(3000.0);
    }

    @Test
    void givenAConfiguredArmWithoutTraffic_whenReported_thenItIsListedAsNoDataAndNotCompared() {
        assertThat(m.get("empty-arm.variant-b.units")).isZero();
        assertThat(m).doesNotContainKey("empty-arm.variant-b.lift");
        assertThat(m).containsKey("empty-arm.treatment.lift");
        Map<String, Object> arm = armRow("empty-arm", "cumulative", "variant-b");
        assertThat(arm).containsEntry("status", "no_data");
    }

    @Test
    void givenPrePeriodActivity_whenCupedIsConfigured_thenViewsVarianceShrinksAndThePlantedEffectIsCovered() {
        Map<String, Object> views = comparison("rec-model", "cumulative", "treatment", "views");
        assertThat(views).containsEntry("cuped", true);
        assertThat((Double) views.get("cupedVarianceReduction")).isGreaterThan(0.8);
        assertThat((Double) views.get("absLiftCiLow")).isLessThan(1.0);
        assertThat((Double) views.get("absLiftCiHigh")).isGreaterThan(1.0);
    }

    @Test
    void givenManyComparisons_whenCorrected_thenHolmIsMostConservativeAndBhInBetween() {
        List<Map<String, Object>> rows = comparisons("rec-model", "cumulative");
        // clicks and ratings never happen in this lake: no variance, so no test, and the row says why
        assertThat(comparison("rec-model", "cumulative", "treatment", "ratings").get("status"))
                .isEqualTo("both arms have zero variance");
        List<Map<String, Object>> tested = rows.stream().filter(r -> r.get("pValue") != null).toList();
        assertThat(tested).hasSize(3);
        for (Map<String, Object> row : tested) {
            double p = (Double) row.get("pValue");
            assertThat((Double) row.get("pValueBh")).isBetween(p, (Double) row.get("pValueHolm"));
        }
    }

    @Test
    void givenASlowerTreatment_whenReported_thenTheLatencyGuardrailIsDegradedButNotErrors() {
        assertThat(m.get("rec-model.treatment.guardrail_degraded")).isEqualTo(1.0);
        assertThat(m.get("rec-model.treatment.latency_p95_ms"))
                .isGreaterThan(1.5 * m.get("rec-model.control.latency_p95_ms"));
        assertThat(guardrail("cumulative", "treatment")).containsEntry("latencyDegraded", true)
                .containsEntry("errorRateDegraded", false);
    }

    @Test
    void givenTheHourScope_whenReported_thenGuardrailsCoverOnlyTheResponsesServedInTheHour() {
        long control = ((Number) guardrail("hour", "control").get("responses")).longValue();
        long treatment = ((Number) guardrail("hour", "treatment").get("responses")).longValue();
        long cumulative = ((Number) guardrail("cumulative", "control").get("responses")).longValue()
                + ((Number) guardrail("cumulative", "treatment").get("responses")).longValue();

        assertThat(control + treatment).isEqualTo(responsesInHour).isLessThan(cumulative);
        assertThat(m.get("rec-model.hour.treatment.guardrail_degraded")).isEqualTo(1.0);
        assertThat(m.get("rec-model.hour.treatment.latency_p95_ms"))
                .isGreaterThan(1.5 * m.get("rec-model.hour.control.latency_p95_ms"));
        assertThat(m).containsKeys("rec-model.hour.control.error_rate", "rec-model.hour.treatment.error_rate");
    }

    @Test
    void givenAnotherCupedCovariate_whenReported_thenItIsTheOneUsed() {
        Map<String, String> options = new java.util.HashMap<>(request.options());
        options.put("ab.cuped.covariate", "clicks");
        JobResult clicks = SparkJobRunner.run(spark, "ab-report", new JobRequest(request.lakeRoot(),
                request.workDir(), HOUR, options));

        // this lake has no clicks: a covariate without variance adjusts nothing
        assertThat(clicks.details().get("cuped").toString()).contains("covariate=clicks");
        assertThat(result.details().get("cuped").toString()).contains("covariate=matching");
        Map<String, Object> views = comparisonIn(clicks, "rec-model", "cumulative", "treatment", "views");
        assertThat(views).containsEntry("cuped", false).doesNotContainKey("cupedVarianceReduction");
        assertThat(comparison("rec-model", "cumulative", "treatment", "views")).containsEntry("cuped", true);
    }

    @Test
    void givenTheHourScope_whenReported_thenOnlyUnitsAssignedInTheHourCount() {
        assertThat(m.get("rec-model.hour.control.units") + m.get("rec-model.hour.treatment.units"))
                .isEqualTo((double) unitsAssignedInHour + 5 - 5);
        assertThat(unitsAssignedInHour).isBetween(500L, 1500L);
        assertThat(m.get("experiments")).isEqualTo(3.0);
    }

    @Test
    void givenTheSameEvents_whenReRun_thenTheSummaryIsByteIdenticalSoNoNewVersionIsPublished() {
        JobResult again = SparkJobRunner.run(spark, "ab-report", request);
        assertThat(new String(again.toJson())).isEqualTo(new String(result.toJson()));
    }

    private Map<String, Object> experiment(String id) {
        return experimentIn(result, id);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> experimentIn(JobResult of, String id) {
        return ((List<Map<String, Object>>) of.details().get("experiments")).stream()
                .filter(e -> e.get("experimentId").equals(id)).findFirst().orElseThrow();
    }

    private Map<String, Object> scope(String id, String scope) {
        return scopeIn(result, id, scope);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> scopeIn(JobResult of, String id, String scope) {
        return (Map<String, Object>) ((Map<String, Object>) experimentIn(of, id).get("scopes")).get(scope);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> guardrail(String scope, String arm) {
        return ((List<Map<String, Object>>) scope("rec-model", scope).get("guardrails")).stream()
                .filter(g -> g.get("arm").equals(arm)).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> comparisonIn(JobResult of, String id, String scope, String arm, String metric) {
        return ((List<Map<String, Object>>) scopeIn(of, id, scope).get("comparisons")).stream()
                .filter(c -> c.get("arm").equals(arm) && c.get("metric").equals(metric)).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> comparisons(String id, String scope) {
        return (List<Map<String, Object>>) scope(id, scope).get("comparisons");
    }

    private Map<String, Object> comparison(String id, String scope, String arm, String metric) {
        return comparisons(id, scope).stream().filter(c -> c.get("arm").equals(arm) && c.get("metric").equals(metric))
                .findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> armRow(String id, String scope, String arm) {
        return ((List<Map<String, Object>>) scope(id, scope).get("arms")).stream()
                .filter(a -> a.get("arm").equals(arm)).findFirst().orElseThrow();
    }
}
