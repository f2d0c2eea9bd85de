package lens.cli.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import lens.batch.backfill.BackfillReport;
import lens.events.EventHour;
import lens.events.LakeLayout;
import lens.events.Topic;
import lens.sim.PlantedTruth;
import lens.trainer.job.JobResult;
import lens.trainer.job.SparkJobs;

/** The demo's closing summary: what landed, what was dead-lettered, and what each job found. */
record DemoSummary(Path workdir, EventHour from, EventHour to, PlantedTruth truth, Map<Topic, Long> landed,
                   Map<Topic, Long> deadLettered, BackfillReport report, Path html) {

    /** The A/B figures a person reads first; the summary JSON and the report hold the rest. */
    private static final java.util.Set<String> HEADLINE = java.util.Set.of("units", "converted", "conversion_rate",
            "lift", "lift_ci_low", "lift_ci_high", "p_value", "srm_p_value", "guardrail_degraded");

    void print(PrintStream out) {
        out.println();
        out.println("Events per topic          published   landed  dead letters (planted malformed)");
        for (Topic topic : Topic.values()) {
            out.printf("  %-24s %9d %8d %8d (%d)%n", topic.topicName(), truth.validPerTopic().get(topic.topicName()),
                    landed.get(topic), deadLettered.get(topic), truth.invalidPerTopic().get(topic.topicName()));
        }
        Path lake = workdir.resolve("lake");
        summary(lake, SparkJobs.ALS_RETRAIN, to).ifPresent(als -> out.printf(
                "%nModel (als-retrain, window ending %s): RMSE %.4f, MAE %.4f on %s held-out ratings "
                        + "(planted noise floor %.4f); promoted: %s%n",
                to, metric(als, "rmse"), metric(als, "mae"), format(als.metrics().get("holdout_ratings")),
                truth.oracleRmse(), metric(als, "promoted") > 0 ? "yes" : "no (" + failedGateChecks(als) + ")"));
        summary(lake, SparkJobs.SERVING_METRICS, to).ifPresent(serving -> {
            out.printf("%nServing (hour %s):%n ", to);
            serving.metrics().entrySet().stream()
                    .filter(e -> e.getKey().matches("(requests|success_rate|active_users|ctr|latency_p\\d+_ms"
                            + "|latency_max_ms)"))
                    .forEach(e -> out.printf(" %s=%s", e.getKey(), format(e.getValue())));
            out.println();
        });
        summary(lake, SparkJobs.AB_REPORT, to).ifPresent(ab -> {
            out.printf("%nA/B (cumulative to %s):%n", to);
            Map<String, Map<String, Double>> byArm = new TreeMap<>();
            ab.metrics().forEach((key, value) -> {
                String[] parts = key.split("\\.", 3);
                if (parts.length == 3 && !"hour".equals(parts[1]) && HEADLINE.contains(parts[2])) {
                    byArm.computeIfAbsent(parts[0] + " " + parts[1], k -> new TreeMap<>()).put(parts[2], value);
                }
            });
            byArm.forEach((arm, metrics) -> {
                out.printf("  %-26s", arm);
                metrics.forEach((name, value) -> out.printf(" %s=%s", name, format(value)));
                out.println();
            });
            out.printf("  (planted: exp-ranker treatment relative lift %+.0f%%)%n", truth.treatmentLift() * 100);
        });
        out.printf("%nJobs: %d runs, %d completed, %d failed in %.1f s%n", report.rows().size(),
                report.count(lens.batch.runs.RunStatus.COMPLETED), report.count(lens.batch.runs.RunStatus.FAILED),
                report.wallTime().toMillis() / 1000.0);
        if (!report.allDone()) {
            out.print(report.table());
        }
        out.println();
        out.println("Written:");
        out.println("  lake     " + lake.resolve(LakeLayout.EVENTS));
        out.println("  results  " + lake.resolve(LakeLayout.RESULTS));
        out.println("  models   " + workdir.resolve("models"));
        out.println("  report   " + html);
        out.println("  logs     " + workdir.resolve("logs"));
    }

    private static Optional<JobResult> summary(Path lake, String job, EventHour hour) {
        Path file = lake.resolve(LakeLayout.summary(job, hour));
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JobResult.fromJson(Files.readAllBytes(file)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static double metric(JobResult result, String name) {
        return result.metrics().getOrDefault(name, Double.NaN);
    }

    private static String format(Double value) {
        if (value == null) {
            return "-";
        }
        return value == Math.rint(value) && Math.abs(value) < 1e12 ? String.valueOf(value.longValue())
                : String.format("%.4g", value);
    }

    /** The gate's failed checks, so a "no" says why (a young window often does not beat popularity yet). */
    private static String failedGateChecks(JobResult als) {
        Object reasons = als.details().get("reasons");
        if (!(reasons instanceof java.util.List<?> list)) {
            return "see the run's summary.json";
        }
        String failed = list.stream().map(String::valueOf).filter(r -> r.startsWith("FAIL "))
                .map(r -> r.substring("FAIL ".length())).collect(java.util.stream.Collectors.joining("; "));
        return failed.isEmpty() ? "see the run's summary.json" : failed;
    }
}
