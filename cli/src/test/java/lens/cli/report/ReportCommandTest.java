package lens.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lens.events.EventHour;
import lens.events.LakeLayout;
import lens.stats.CovariateSums;
import lens.trainer.ab.Anomalies;
import lens.trainer.ab.ExperimentAnalysis;
import lens.trainer.ab.ExperimentConfig;
import lens.trainer.ab.MetricKind;
import lens.trainer.job.JobResult;
import lens.trainer.metrics.ModelKey;
import lens.trainer.metrics.ServingState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Builds summaries with the jobs' own result classes (so the report reads exactly what the jobs write), runs
 * {@code lens report}, then opens the file in headless Chromium ({@link ReportInBrowser}): no console output at all,
 * no script error, every chart drawn with data, and a screenshot with the charts on it.
 */
class ReportCommandTest {

    private static final EventHour FIRST = EventHour.parse("2026-11-29T08");
    private static final int HOURS = 4;

    @TempDir
    Path workDir;

    @BeforeEach
    void writeSummaries() throws IOException {
        for (int h = 0; h < HOURS; h++) {
            EventHour hour = FIRST.plusHours(h);
            write(servingSummary(hour, h));
            write(abSummary(hour, h));
            if (h % 2 == 1) {
                // named as AlsRetrainJob names them
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("modelVersion", "als-" + hour.id());
                details.put("decision", h == 1 ? "promoted" : "rejected");
                write(new JobResult("als-retrain", hour.toString(), Map.of("rmse", 0.95 - 0.01 * h,
                        "ndcg_at_k", 0.31 + 0.01 * h, "k", 10.0, "promoted", h == 1 ? 1.0 : 0.0), details, List.of()));
            }
        }
        // a summary outside --from/--to must not show up
        write(new JobResult("als-retrain", FIRST.plusHours(-5).toString(), Map.of("rmse", 9.99), Map.of(), List.of()));
    }

    private static JobResult servingSummary(EventHour hour, int h) {
        ServingState state = new ServingState(0.01, 12);
        state.addRequests(1000 + 100L * h, 3);
        for (String model : List.of("als", "popularity")) {
            ModelKey key = new ModelKey(model, "v" + (h + 1));
            state.addModel(key, 500, 490 - h, 4, 900);
            for (int i = 0; i < 500; i++) {
                state.addLatencyBucket(key, lens.stats.DdSketch.bucketOf(model.equals("als") ? 20 + i % 80 : 5 + i % 30, 0.01), 1);
            }
        }
        state.addErrors("timeout", 10 + h);
        for (long user = 0; user < 300 + 50L * h; user++) {
            state.offerUserRegister((int) (user % 4096), 1);
        }
        state.setExactActiveUsers(300 + 50L * h);
        state.addInteractions("VIEW", 2000);
        state.addImpressions(5000, 400 + h);
        state.addInteractionsInMinute(hour.id() + ":17", 90);
        Map<String, Object> details = new LinkedHashMap<>(state.details(10));
        return new JobResult("serving-metrics", hour.toString(), state.metrics(), details, List.of());
    }

    private static JobResult abSummary(EventHour hour, int h) {
        long n = 1000L * (h + 1);
        Map<String, Map<String, Map<MetricKind, CovariateSums>>> sums = new LinkedHashMap<>();
        Map<String, Map<MetricKind, CovariateSums>> arms = new LinkedHashMap<>();
        arms.put("control", Map.of(MetricKind.CONVERSION, binary(n, 0.20)));
        arms.put("treatment", Map.of(MetricKind.CONVERSION, binary(n, 0.25)));
        sums.put(ExperimentAnalysis.CUMULATIVE, arms);
        sums.put(ExperimentAnalysis.HOUR, arms);
        ExperimentConfig config = new ExperimentConfig("control", Map.of("control", 1.0, "treatment", 1.0), 0.05,
                0.001, 50, true, 5000, false, 0.1);
        ExperimentAnalysis.Report report = ExperimentAnalysis.analyse("rec-model", config, FIRST.startMillis(),
                List.of(MetricKind.CONVERSION), sums, Anomalies.NONE, Map.of());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("experiments", List.of(report.details()));
        return new JobResult("ab-report", hour.toString(), report.metrics(), details, List.of());
    }

    private static CovariateSums binary(long n, double rate) {
        long converted = Math.round(n * rate);
        return new CovariateSums(n, converted, converted, 0, 0, 0);
    }

    private void write(JobResult result) throws IOException {
        Path file = workDir.resolve("lake").resolve(LakeLayout.summary(result.job(), EventHour.parse(result.window())));
        Files.createDirectories(file.getParent());
        Files.write(file, result.toJson());
    }

    private Path runReport() {
        int exit = new CommandLine(new ReportCommand()).execute("--workdir", workDir.toString(),
                "--from", FIRST.id(), "--to", FIRST.plusHours(HOURS - 1).id());
        assertThat(exit).isZero();
        return workDir.resolve("reports").resolve("lens-report.html");
    }

    @Test
    void givenSummaries_whenReportRuns_thenOneSelfContainedFileWithReadableTables() throws IOException {
        String html = Files.readString(runReport(), StandardCharsets.UTF_8);

        assertThat(html).doesNotContainPattern("(src|href)\\s*=\\s*\"(https?:)?//").doesNotContain("<link")
                .doesNotContain("@import");
        for (String id : ReportGenerator.CHART_IDS) {
            assertThat(html).contains("id=\"chart-" + id + "\"");
        }
        // the tables carry the numbers without any script
        assertThat(html).contains("<td>0.9400</td>").contains("<td>0.3200</td>").contains("<th>NDCG@10</th>")
                .contains("<td>promoted</td>").contains("<td>kept previous</td>");
        assertThat(html).contains("<td>20.00%</td>").contains("<td>25.00%</td>");
        assertThat(html).doesNotContain("9.9900");
    }

    @Test
    void givenFromAfterTo_whenReportRuns_thenUsageError() {
        int exit = new CommandLine(new ReportCommand()).execute("--workdir", workDir.toString(),
                "--from", "2026-11-29T10", "--to", "2026-11-29T08");
        assertThat(exit).isEqualTo(2);
    }

    @Test
    void givenTheReport_whenOpenedInHeadlessChromium_thenEveryChartRendersWithDataAndNothingIsLogged()
            throws Exception {
        Path report = runReport();

        // kept in target/ for a person to look at
        ReportInBrowser.assertEveryChartRendersWithData(report,
                Path.of("target", "lens-report.png").toAbsolutePath(), workDir);
    }
}
