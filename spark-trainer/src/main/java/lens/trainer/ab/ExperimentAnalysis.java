package lens.trainer.ab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import lens.stats.CovariateSums;
import lens.stats.Cuped;
import lens.stats.FrequentistTests;
import lens.stats.MeanStatistic;
import lens.stats.MultipleTesting;
import lens.stats.Proportion;
import lens.stats.SampleMean;
import lens.stats.SampleRatioMismatch;
import lens.stats.Scale;
import lens.stats.TestResult;

/**
 * Turns one experiment's per-arm sufficient statistics into its report: per arm units, conversions and metric
 * moments; per treatment arm and metric the relative and absolute lift with Welch CIs and p-values, optionally
 * always-valid sequential intervals and CUPED; Holm and Benjamini–Hochberg across arms × metrics; the SRM check;
 * guardrails. Pure Java: the Spark job only computes the sums.
 */
public final class ExperimentAnalysis {

    public static final String CUMULATIVE = "cumulative";
    public static final String HOUR = "hour";
    static final long MIN_GUARDRAIL_RESPONSES = 20;

    private ExperimentAnalysis() {
    }

    /** One experiment's report: the JSON-able detail tree and the flat metrics. */
    public record Report(String experiment, Map<String, Object> details, Map<String, Double> metrics) {
    }

    /**
     * @param sums       scope ({@link #CUMULATIVE}, {@link #HOUR}) → arm → metric → sums (y = metric, x = covariate)
     * @param guardrails scope → arm → serving health: {@link #CUMULATIVE} since the experiment started,
     *                   {@link #HOUR} of the responses served in the hour (reported per scope, under
     *                   {@code scopes.<scope>.guardrails} and as {@code <exp>.[hour.]<arm>.error_rate}, ...)
     */
    public static Report analyse(String experiment, ExperimentConfig config, long startedAtMillis,
                                 List<MetricKind> metricKinds, Map<String, Map<String, Map<MetricKind, CovariateSums>>> sums,
                                 Anomalies anomalies, Map<String, Map<String, ArmGuardrail>> guardrails) {
        Map<String, Map<MetricKind, CovariateSums>> cumulative = sums.getOrDefault(CUMULATIVE, Map.of());
        Set<String> arms = new LinkedHashSet<>(config.split().keySet());
        arms.addAll(new TreeSet<>(cumulative.keySet()));
        String control = arms.contains(config.control()) ? config.control()
                : config.split().isEmpty() ? arms.stream().findFirst().orElse(config.control())
                : config.split().keySet().iterator().next();
        Map<String, Double> weights = new LinkedHashMap<>(config.split());
        if (weights.isEmpty()) {
            arms.forEach(arm -> weights.put(arm, 1.0));
        }

        Map<String, Double> metrics = new LinkedHashMap<>();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("experimentId", experiment);
        details.put("startedAt", java.time.Instant.ofEpochMilli(startedAtMillis).toString());
        details.put("control", control);
        details.put("controlConfigured", control.equals(config.control()));
        details.put("split", weights);
        details.put("splitConfigured", !config.split().isEmpty());
        List<String> unexpected = arms.stream().filter(a -> !weights.containsKey(a)).toList();
        details.put("armsNotInSplit", unexpected);
        details.put("anomalies", anomalies);
        String p = experiment + ".";
        metrics.put(p + "multi_arm_units", (double) anomalies.multiArmUnits());
        metrics.put(p + "conversions_before_assignment", (double) anomalies.conversionsBeforeAssignment());
        metrics.put(p + "conversions_without_assignment", (double) anomalies.conversionsWithoutAssignment());
        metrics.put(p + "conversions_in_other_arm", (double) anomalies.conversionsInOtherArm());

        Map<String, Object> scopes = new LinkedHashMap<>();
        for (String scope : List.of(CUMULATIVE, HOUR)) {
            String prefix = scope.equals(CUMULATIVE) ? p : p + "hour.";
            Map<String, Object> body = analyseScope(prefix, scope.equals(CUMULATIVE), config, control, arms, weights,
                    metricKinds, sums.getOrDefault(scope, Map.of()), metrics);
            body.put("guardrails", guardrails(prefix, config, control, arms, guardrails.getOrDefault(scope, Map.of()),
                    metrics));
            scopes.put(scope, body);
        }
        details.put("scopes", scopes);
        return new Report(experiment, details, metrics);
    }

    private static Map<String, Object> analyseScope(String prefix, boolean fullMetrics, ExperimentConfig config,
                                                    String control, Set<String> arms, Map<String, Double> weights,
                                                    List<MetricKind> kinds,
                                                    Map<String, Map<MetricKind, CovariateSums>> byArm,
                                                    Map<String, Double> metrics) {
        Map<String, Object> scope = new LinkedHashMap<>();
        List<Map<String, Object>> armRows = new ArrayList<>();
        Map<String, Long> units = new LinkedHashMap<>();
        for (String arm : arms) {
            Map<MetricKind, CovariateSums> armSums = byArm.getOrDefault(arm, Map.of());
            CovariateSums conversion = armSums.get(MetricKind.CONVERSION);
            long n = conversion == null ? 0 : conversion.n();
            units.put(arm, n);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("arm", arm);
            row.put("status", n == 0 ? "no_data" : weights.containsKey(arm) ? "ok" : "not_in_split");
            row.put("units", n);
            String armPrefix = prefix + arm + ".";
            metrics.put(armPrefix + "units", (double) n);
            if (n > 0) {
                long converted = Math.round(conversion.sumY());
                row.put("converted", converted);
                row.put("conversionRate", (double) converted / n);
                metrics.put(armPrefix + "converted", (double) converted);
                metrics.put(armPrefix + "conversion_rate", (double) converted / n);
                Map<String, Object> moments = new LinkedHashMap<>();
                for (MetricKind kind : kinds) {
                    CovariateSums s = armSums.get(kind);
                    if (s != null && s.n() > 0) {
                        SampleMean m = s.metric();
                        moments.put(kind.id(), lens.trainer.metrics.ServingState.ordered("mean", m.mean(), "variance", m.variance(), "sum", s.sumY()));
                        if (fullMetrics && kind != MetricKind.CONVERSION) {
                            metrics.put(armPrefix + kind.id() + ".mean", m.mean());
                        }
                    }
                }
                row.put("metrics", moments);
            }
            armRows.add(row);
        }
        scope.put("arms", armRows);

        Map<String, Long> observed = new LinkedHashMap<>();
        units.forEach((arm, n) -> {
            if (weights.containsKey(arm) && n > 0) {
                observed.put(arm, n);
            }
        });
        if (weights.size() >= 2) {
            SampleRatioMismatch.Result srm = SampleRatioMismatch.check(observed, weights, config.srmThreshold(),
                    config.srmMinPerArm());
            Map<String, Object> srmRow = new LinkedHashMap<>();
            srmRow.put("observed", observed);
            srmRow.put("expected", srm.expected());
            srmRow.put("chiSquare", srm.chiSquare());
            srmRow.put("pValue", srm.pValue());
            srmRow.put("enoughData", srm.enoughData());
            srmRow.put("minExpectedPerArm", config.srmMinPerArm());
            srmRow.put("threshold", config.srmThreshold());
            srmRow.put("mismatch", srm.mismatch());
            scope.put("srm", srmRow);
            metrics.put(prefix + "srm_p_value", srm.pValue());
            metrics.put(prefix + "srm_flag", srm.mismatch() ? 1.0 : 0.0);
        }

        List<Map<String, Object>> comparisons = new ArrayList<>();
        List<Double> pValues = new ArrayList<>();
        List<Map<String, Object>> tested = new ArrayList<>();
        Map<MetricKind, CovariateSums> controlSums = byArm.getOrDefault(control, Map.of());
        for (String arm : arms) {
            if (arm.equals(control) || units.get(arm) == 0) {
                continue;
            }
            for (MetricKind kind : kinds) {
                Map<String, Object> row = compare(arm, kind, config, controlSums.get(kind),
                        byArm.get(arm).get(kind));
                comparisons.add(row);
                if (row.get("pValue") instanceof Double pv) {
                    pValues.add(pv);
                    tested.add(row);
                }
            }
        }
        double[] raw = pValues.stream().mapToDouble(Double::doubleValue).toArray();
        double[] holm = MultipleTesting.holm(raw);
        double[] bh = MultipleTesting.benjaminiHochberg(raw);
        for (int i = 0; i < tested.size(); i++) {
            tested.get(i).put("pValueHolm", holm[i]);
            tested.get(i).put("pValueBh", bh[i]);
        }
        for (Map<String, Object> row : comparisons) {
            flatten(prefix, fullMetrics, row, metrics);
        }
        scope.put("comparisons", comparisons);
        scope.put("multipleTesting", lens.trainer.metrics.ServingState.ordered("family", "arms x metrics in this scope", "tests", raw.length));
        return scope;
    }

    private static Map<String, Object> compare(String arm, MetricKind kind, ExperimentConfig config,
                                               CovariateSums controlSums, CovariateSums armSums) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("arm", arm);
        row.put("metric", kind.id());
        if (controlSums == null || controlSums.n() == 0) {
            row.put("status", "control has no data");
            return row;
        }
        MeanStatistic c = statistic(kind, controlSums);
        MeanStatistic t = statistic(kind, armSums);
        boolean cuped = false;
        if (config.cuped()) {
            List<CovariateSums> pair = List.of(controlSums, armSums);
            double theta = Cuped.theta(pair);
            if (theta != 0) {
                double meanX = Cuped.pooledMeanX(pair);
                MeanStatistic ca = Cuped.adjust(controlSums, theta, meanX);
                MeanStatistic ta = Cuped.adjust(armSums, theta, meanX);
                row.put("cupedTheta", theta);
                double before = c.varianceOfMean() + t.varianceOfMean();
                double after = ca.varianceOfMean() + ta.varianceOfMean();
                row.put("cupedVarianceReduction", before > 0 ? 1 - after / before : 0.0);
                c = ca;
                t = ta;
                cuped = true;
            }
        }
        row.put("cuped", cuped);
        row.put("controlMean", c.mean());
        row.put("armMean", t.mean());
        try {
            TestResult relative = FrequentistTests.welch(c, t, Scale.RELATIVE, config.alpha());
            TestResult absolute = FrequentistTests.welch(c, t, Scale.ABSOLUTE, config.alpha());
            row.put("status", "ok");
            row.put("lift", relative.estimate());
            row.put("liftStdErr", relative.standardError());
            row.put("liftCiLow", relative.ciLow());
            row.put("liftCiHigh", relative.ciHigh());
            row.put("absLift", absolute.estimate());
            row.put("absLiftStdErr", absolute.standardError());
            row.put("absLiftCiLow", absolute.ciLow());
            row.put("absLiftCiHigh", absolute.ciHigh());
            row.put("dof", relative.dof());
            row.put("pValue", relative.pValue());
            if (config.sequential()) {
                TestResult seq = FrequentistTests.sequential(c, t, Scale.RELATIVE, config.alpha(),
                        config.sequentialTuning());
                row.put("seqLiftCiLow", seq.ciLow());
                row.put("seqLiftCiHigh", seq.ciHigh());
                row.put("seqPValue", seq.pValue());
            }
        } catch (IllegalArgumentException e) {
            row.put("status", e.getMessage());
        }
        return row;
    }

    private static MeanStatistic statistic(MetricKind kind, CovariateSums sums) {
        return kind.binary() ? new Proportion(sums.n(), Math.round(sums.sumY())) : sums.metric();
    }

    private static void flatten(String prefix, boolean full, Map<String, Object> row, Map<String, Double> metrics) {
        if (!(row.get("pValue") instanceof Double)) {
            return;
        }
        boolean conversion = row.get("metric").equals(MetricKind.CONVERSION.id());
        if (!conversion && !full) {
            return;
        }
        String base = prefix + row.get("arm") + "." + (conversion ? "" : row.get("metric") + ".");
        put(metrics, base + "lift", row.get("lift"));
        put(metrics, base + "p_value", row.get("pValue"));
        if (!full) {
            return;
        }
        put(metrics, base + "lift_ci_low", row.get("liftCiLow"));
        put(metrics, base + "lift_ci_high", row.get("liftCiHigh"));
        put(metrics, base + "abs_lift", row.get("absLift"));
        put(metrics, base + "abs_lift_ci_low", row.get("absLiftCiLow"));
        put(metrics, base + "abs_lift_ci_high", row.get("absLiftCiHigh"));
        put(metrics, base + "p_value_holm", row.get("pValueHolm"));
        put(metrics, base + "p_value_bh", row.get("pValueBh"));
        put(metrics, base + "seq_lift_ci_low", row.get("seqLiftCiLow"));
        put(metrics, base + "seq_lift_ci_high", row.get("seqLiftCiHigh"));
        put(metrics, base + "seq_p_value", row.get("seqPValue"));
    }

    private static void put(Map<String, Double> metrics, String name, Object value) {
        if (value instanceof Double d && !d.isNaN()) {
            metrics.put(name, d);
        }
    }

    private static List<Map<String, Object>> guardrails(String prefix, ExperimentConfig config, String control,
                                                        Set<String> arms, Map<String, ArmGuardrail> guardrails,
                                                        Map<String, Double> metrics) {
        List<Map<String, Object>> rows = new ArrayList<>();
        ArmGuardrail base = guardrails.get(control);
        Set<String> all = new LinkedHashSet<>(arms);
        all.addAll(new TreeSet<>(guardrails.keySet()));
        for (String arm : all) {
            ArmGuardrail g = guardrails.get(arm);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("arm", arm);
            if (g == null || g.responses() == 0) {
                row.put("status", "no_data");
                rows.add(row);
                continue;
            }
            String armPrefix = prefix + arm + ".";
            double errorRate = (double) g.errors() / g.responses();
            double p95 = g.latency().count() > 0 ? g.latency().quantile(0.95) : Double.NaN;
            row.put("responses", g.responses());
            row.put("errorRate", errorRate);
            metrics.put(armPrefix + "error_rate", errorRate);
            if (!Double.isNaN(p95)) {
                row.put("latencyP95Ms", p95);
                metrics.put(armPrefix + "latency_p95_ms", p95);
            }
            if (arm.equals(control)) {
                row.put("status", "control");
            } else if (base == null || base.responses() < MIN_GUARDRAIL_RESPONSES
                    || g.responses() < MIN_GUARDRAIL_RESPONSES) {
                row.put("status", "insufficient_data");
            } else {
                double baseP95 = base.latency().quantile(0.95);
                boolean latencyDegraded = p95 > baseP95 * (1 + config.latencyTolerance());
                boolean errorsDegraded = false;
                try {
                    TestResult errors = FrequentistTests.welch(new Proportion(base.responses(), base.errors()),
                            new Proportion(g.responses(), g.errors()), Scale.ABSOLUTE, config.alpha());
                    errorsDegraded = errors.estimate() > 0 && errors.pValue() < config.alpha();
                    row.put("errorRateDiffPValue", errors.pValue());
                } catch (IllegalArgumentException e) {
                    row.put("errorRateTest", e.getMessage());
                }
                row.put("latencyDegraded", latencyDegraded);
                row.put("errorRateDegraded", errorsDegraded);
                row.put("status", latencyDegraded || errorsDegraded ? "degraded" : "ok");
                metrics.put(armPrefix + "guardrail_degraded", latencyDegraded || errorsDegraded ? 1.0 : 0.0);
            }
            rows.add(row);
        }
        return rows;
    }
}
