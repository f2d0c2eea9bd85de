package lens.cli.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import lens.events.EventHour;
import lens.events.EventJson;
import lens.trainer.job.JobResult;

/**
 * Writes the LENS report: one self-contained HTML file (inline CSS, inline JS drawing inline SVG, no network)
 * from the jobs' {@code summary.json} files. Every chart has a table beside it, so the numbers read without
 * JavaScript; the script marks each chart it drew with {@code data-rendered=<points>} and records any error on
 * {@code <body data-errors>}, which is what the browser test checks.
 */
public final class ReportGenerator {

    public static final String SERVING = "serving-metrics";
    public static final String AB = "ab-report";
    public static final String RETRAIN = "als-retrain";
    static final String[] CHART_IDS = {"lift", "conversion", "latency", "traffic", "users", "retrain"};

    private final List<JobResult> summaries;
    private final List<String> unreadable;
    private final StringBuilder html = new StringBuilder();
    private final List<Map<String, Object>> charts = new ArrayList<>();

    private ReportGenerator(SummaryLoader.Loaded loaded) {
        this.summaries = loaded.summaries();
        this.unreadable = loaded.unreadable();
    }

    /** Reads the summaries of {@code lakeRoot} within [from, to] (nulls: no bound) and writes the report to out. */
    public static Path write(Path lakeRoot, Path out, EventHour from, EventHour to) {
        return write(SummaryLoader.load(lakeRoot, from, to), lakeRoot, out, from, to);
    }

    /** Writes the report of already loaded summaries (atomically: a reader never sees half a file). */
    public static Path write(SummaryLoader.Loaded loaded, Path lakeRoot, Path out, EventHour from, EventHour to) {
        String page = render(loaded, lakeRoot, from, to);
        try {
            Files.createDirectories(out.toAbsolutePath().getParent());
            Path temp = out.resolveSibling("." + out.getFileName() + ".tmp");
            Files.writeString(temp, page, StandardCharsets.UTF_8);
            Files.move(temp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + out, e);
        }
        return out;
    }

    static String render(SummaryLoader.Loaded loaded, Path lakeRoot, EventHour from, EventHour to) {
        return new ReportGenerator(loaded).page(lakeRoot, from, to);
    }

    private List<JobResult> of(String job) {
        return summaries.stream().filter(s -> s.job().equals(job)).toList();
    }

    private String page(Path lakeRoot, EventHour from, EventHour to) {
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>LENS pipeline report</title><style>").append(resource("report.css"))
                .append("</style></head><body>\n");
        html.append("<header><h1>LENS pipeline report</h1><p class=\"meta\">Lake <code>").append(esc(lakeRoot.toString()))
                .append("</code> · windows ").append(from == null ? "all" : esc(from.toString())).append(" to ")
                .append(to == null ? "latest" : esc(to.toString())).append(" · ").append(summaries.size())
                .append(" summaries · generated ").append(esc(Instant.now().toString())).append("</p>");
        if (!unreadable.isEmpty()) {
            html.append("<p class=\"warn\">Unreadable summaries (skipped): ");
            unreadable.forEach(u -> html.append("<br>").append(esc(u)));
            html.append("</p>");
        }
        html.append("</header>\n<main>\n");
        headline();
        liftSection();
        conversionSection();
        latencySection();
        trafficSection();
        usersSection();
        retrainSection();
        html.append("</main>\n<script type=\"application/json\" id=\"lens-data\">").append(json(Map.of("charts", charts)))
                .append("</script>\n<script>").append(resource("report.js")).append("</script>\n</body></html>\n");
        return html.toString();
    }

    // ---- sections ----

    private void headline() {
        List<JobResult> serving = of(SERVING);
        html.append("<section id=\"headline\"><h2>Latest hour</h2>");
        if (serving.isEmpty()) {
            html.append("<p class=\"empty\">No serving-metrics summaries yet.</p></section>\n");
            return;
        }
        JobResult last = serving.get(serving.size() - 1);
        Map<String, Double> m = last.metrics();
        html.append("<p class=\"meta\">").append(esc(last.window())).append("</p><dl class=\"kpis\">");
        kpi("Requests", fmt(m.get("requests"), "num"));
        kpi("Success rate", fmt(m.get("success_rate"), "pct"));
        kpi("Latency p95", fmt(m.get("latency_p95_ms"), "ms"));
        kpi("Latency p99", fmt(m.get("latency_p99_ms"), "ms"));
        kpi("Active users", fmt(m.get("active_users"), "num"));
        kpi("CTR", fmt(m.get("ctr"), "pct"));
        html.append("</dl></section>\n");
    }

    private void kpi(String label, String value) {
        html.append("<div><dt>").append(esc(label)).append("</dt><dd>").append(esc(value)).append("</dd></div>");
    }

    @SuppressWarnings("unchecked")
    private void liftSection() {
        List<JobResult> ab = of(AB);
        List<Map<String, Object>> bars = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        String window = ab.isEmpty() ? null : ab.get(ab.size() - 1).window();
        if (!ab.isEmpty()) {
            for (Map<String, Object> exp : experiments(ab.get(ab.size() - 1))) {
                Map<String, Object> cumulative = scope(exp, "cumulative");
                Map<String, Object> srm = (Map<String, Object>) cumulative.getOrDefault("srm", Map.of());
                boolean srmFlag = Boolean.TRUE.equals(srm.get("mismatch"));
                for (Map<String, Object> c : (List<Map<String, Object>>) cumulative.getOrDefault("comparisons", List.of())) {
                    if (!"conversion".equals(c.get("metric"))) {
                        continue;
                    }
                    String label = exp.get("experimentId") + " / " + c.get("arm");
                    Double lift = num(c.get("lift"));
                    if (lift != null) {
                        Map<String, Object> bar = new LinkedHashMap<>();
                        bar.put("label", label + (srmFlag ? " (SRM!)" : ""));
                        bar.put("value", lift);
                        bar.put("low", num(c.get("liftCiLow")));
                        bar.put("high", num(c.get("liftCiHigh")));
                        bar.put("seqLow", num(c.get("seqLiftCiLow")));
                        bar.put("seqHigh", num(c.get("seqLiftCiHigh")));
                        bars.add(bar);
                    }
                    rows.add(List.of(String.valueOf(exp.get("experimentId")), String.valueOf(c.get("arm")),
                            "vs " + exp.get("control"), fmt(lift, "pct"),
                            lift == null ? String.valueOf(c.get("status"))
                                    : "[" + fmt(num(c.get("liftCiLow")), "pct") + ", " + fmt(num(c.get("liftCiHigh")), "pct") + "]",
                            fmt(num(c.get("pValue")), "p"), fmt(num(c.get("pValueHolm")), "p"),
                            srmFlag ? "MISMATCH (p" + pText(num(srm.get("pValue"))) + ")" : "ok"));
                }
            }
        }
        Map<String, Object> chart = chart("lift", "errorbars", "pct", null);
        chart.put("bars", bars);
        section("lift", "Conversion lift per arm vs control",
                "Relative lift of conversion rate, cumulative since each experiment started, as of "
                        + (window == null ? "-" : window) + ". Bars: 95% Welch CI; thin whiskers: always-valid "
                        + "sequential CI (safe to peek hourly).",
                List.of("Experiment", "Arm", "Control", "Lift", "95% CI", "p", "p (Holm)", "SRM"), rows, chart);
    }

    private void conversionSection() {
        List<JobResult> ab = of(AB);
        TreeSet<String> windows = new TreeSet<>();
        Map<String, Map<String, Double>> byArm = new LinkedHashMap<>();
        List<List<String>> rows = new ArrayList<>();
        for (JobResult r : ab) {
            windows.add(r.window());
            for (Map<String, Object> exp : experiments(r)) {
                for (Map<String, Object> arm : arms(scope(exp, "cumulative"))) {
                    String key = exp.get("experimentId") + " / " + arm.get("arm");
                    Double rate = num(arm.get("conversionRate"));
                    byArm.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(r.window(), rate);
                    rows.add(List.of(r.window(), String.valueOf(exp.get("experimentId")), String.valueOf(arm.get("arm")),
                            fmt(num(arm.get("units")), "num"), fmt(num(arm.get("converted")), "num"), fmt(rate, "pct")));
                }
            }
        }
        Map<String, Object> chart = chart("conversion", "series", "pct", null);
        List<String> x = new ArrayList<>(windows);
        chart.put("x", x);
        List<Map<String, Object>> series = new ArrayList<>();
        int color = 0;
        for (Map.Entry<String, Map<String, Double>> arm : byArm.entrySet()) {
            series.add(series(arm.getKey(), "line", "left", values(x, arm.getValue()), color++, ""));
        }
        chart.put("series", series);
        section("conversion", "Conversion per arm over time",
                "Cumulative conversion rate of each arm at the end of each hour.",
                List.of("Window", "Experiment", "Arm", "Units", "Converted", "Conversion rate"), rows, chart);
    }

    @SuppressWarnings("unchecked")
    private void latencySection() {
        List<JobResult> serving = of(SERVING);
        List<String> x = serving.stream().map(JobResult::window).distinct().toList();
        Map<String, Map<String, Map<String, Double>>> byModel = new LinkedHashMap<>();
        List<List<String>> rows = new ArrayList<>();
        for (JobResult r : serving) {
            for (Map<String, Object> model : (List<Map<String, Object>>) r.details().getOrDefault("models", List.of())) {
                // one line per model name: a retrain's new version continues its model's line (the table names versions)
                String key = String.valueOf(model.get("modelName"));
                Map<String, Map<String, Double>> percentiles = byModel.computeIfAbsent(key, k -> new LinkedHashMap<>());
                for (String p : List.of("P50", "P95", "P99")) {
                    percentiles.computeIfAbsent(p, k -> new LinkedHashMap<>())
                            .put(r.window(), num(model.get("latency" + p + "Ms")));
                }
                rows.add(List.of(r.window(), key + " " + model.get("modelVersion"), fmt(num(model.get("requests")), "num"),
                        fmt(num(model.get("latencyP50Ms")), "ms"), fmt(num(model.get("latencyP95Ms")), "ms"),
                        fmt(num(model.get("latencyP99Ms")), "ms"), fmt(num(model.get("latencyMaxMs")), "ms")));
            }
        }
        Map<String, Object> chart = chart("latency", "series", "ms", null);
        chart.put("x", x);
        List<Map<String, Object>> series = new ArrayList<>();
        int color = 0;
        Map<String, String> dashes = Map.of("P50", "", "P95", "7 4", "P99", "2 4");
        for (Map.Entry<String, Map<String, Map<String, Double>>> model : byModel.entrySet()) {
            for (String p : List.of("P50", "P95", "P99")) {
                series.add(series(model.getKey() + " " + p.toLowerCase(Locale.ROOT), "line", "left",
                        values(x, model.getValue().get(p)), color, dashes.get(p)));
            }
            color++;
        }
        chart.put("series", series);
        section("latency", "Latency percentiles per model per hour",
                "p50 solid, p95 dashed, p99 dotted; one colour per model (quantiles within 1% from DDSketch).",
                List.of("Window", "Model", "Requests", "p50", "p95", "p99", "max"), rows, chart);
    }

    private void trafficSection() {
        List<JobResult> serving = of(SERVING);
        List<String> x = serving.stream().map(JobResult::window).toList();
        List<Double> requests = new ArrayList<>();
        List<Double> success = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (JobResult r : serving) {
            Map<String, Double> m = r.metrics();
            requests.add(m.get("requests"));
            success.add(m.get("success_rate"));
            rows.add(List.of(r.window(), fmt(m.get("requests"), "num"), fmt(m.get("success_rate"), "pct"),
                    fmt(m.get("errors"), "num"), fmt(m.get("empty_result_rate"), "pct"),
                    fmt(m.get("unanswered_requests"), "num"), m.getOrDefault("inputs_complete", 1.0) == 1.0 ? "yes" : "NO"));
        }
        Map<String, Object> chart = chart("traffic", "series", "num", "pct");
        chart.put("x", x);
        chart.put("series", List.of(series("requests", "bar", "left", requests, 0, ""),
                series("success rate", "line", "right", success, 1, "")));
        section("traffic", "Requests and success rate per hour", "Bars: requests (left axis); line: success rate of "
                        + "responses (right axis).",
                List.of("Window", "Requests", "Success rate", "Errors", "Empty results", "Unanswered", "Inputs complete"),
                rows, chart);
    }

    private void usersSection() {
        List<JobResult> serving = of(SERVING);
        List<String> x = serving.stream().map(JobResult::window).toList();
        List<Double> users = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (JobResult r : serving) {
            Map<String, Double> m = r.metrics();
            users.add(m.get("active_users"));
            rows.add(List.of(r.window(), fmt(m.get("active_users"), "num"), fmt(m.get("interactions_per_user"), "dec"),
                    fmt(m.get("ctr"), "pct"), fmt(m.get("peak_minute_of_hour"), "num")));
        }
        Map<String, Object> chart = chart("users", "series", "num", null);
        chart.put("x", x);
        chart.put("series", List.of(series("active users", "bar", "left", users, 2, "")));
        section("users", "Active users per hour", "Distinct users with at least one interaction in the hour.",
                List.of("Window", "Active users", "Interactions / user", "CTR", "Peak minute"), rows, chart);
    }

    private void retrainSection() {
        List<JobResult> retrains = of(RETRAIN);
        List<String> x = retrains.stream().map(JobResult::window).toList();
        List<Double> rmse = new ArrayList<>();
        List<Double> ndcg = new ArrayList<>();
        List<Boolean> promoted = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        // als-retrain's names: ndcg_at_k at cut-off k, promoted 1 or 0 (the gate's decision)
        String ndcgName = retrains.stream().map(r -> r.metrics().get("k")).filter(java.util.Objects::nonNull)
                .reduce((first, last) -> last).map(k -> "NDCG@" + Math.round(k)).orElse("NDCG@k");
        for (JobResult r : retrains) {
            rmse.add(r.metrics().get("rmse"));
            ndcg.add(r.metrics().get("ndcg_at_k"));
            boolean isPromoted = Double.valueOf(1.0).equals(r.metrics().get("promoted"));
            promoted.add(isPromoted);
            Object version = r.details().getOrDefault("modelVersion", "-");
            rows.add(List.of(r.window(), String.valueOf(version), fmt(r.metrics().get("rmse"), "dec"),
                    fmt(r.metrics().get("ndcg_at_k"), "dec"), isPromoted ? "promoted" : "kept previous"));
        }
        Map<String, Object> chart = chart("retrain", "series", "dec", "dec");
        chart.put("x", x);
        Map<String, Object> rmseSeries = series("RMSE (left)", "line", "left", rmse, 3, "");
        rmseSeries.put("markers", promoted);
        Map<String, Object> ndcgSeries = series(ndcgName + " (right)", "line", "right", ndcg, 4, "");
        ndcgSeries.put("markers", promoted);
        chart.put("series", List.of(rmseSeries, ndcgSeries));
        section("retrain", "Model metrics per retrain", "Filled points: the retrained model was promoted; hollow: "
                        + "the previous model was kept.",
                List.of("Window", "Model version", "RMSE", ndcgName, "Decision"), rows, chart);
    }

    // ---- building blocks ----

    private Map<String, Object> chart(String id, String kind, String yFormat, String y2Format) {
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("id", id);
        chart.put("kind", kind);
        chart.put("yFormat", yFormat);
        if (y2Format != null) {
            chart.put("y2Format", y2Format);
        }
        return chart;
    }

    private static Map<String, Object> series(String name, String type, String axis, List<Double> values, int color,
                                              String dash) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", name);
        s.put("type", type);
        s.put("axis", axis);
        s.put("values", values);
        s.put("color", color);
        s.put("dash", dash);
        return s;
    }

    private static List<Double> values(List<String> x, Map<String, Double> byWindow) {
        List<Double> values = new ArrayList<>();
        for (String window : x) {
            values.add(byWindow == null ? null : byWindow.get(window));
        }
        return values;
    }

    private void section(String id, String title, String caption, List<String> header, List<List<String>> rows,
                         Map<String, Object> chart) {
        charts.add(chart);
        html.append("<section id=\"").append(id).append("\"><h2>").append(esc(title)).append("</h2><p class=\"caption\">")
                .append(esc(caption)).append("</p>");
        html.append("<figure class=\"chart\" id=\"chart-").append(id).append("\" data-chart=\"").append(id)
                .append("\" data-rendered=\"none\"><noscript>Charts need JavaScript; the table below has every number."
                        + "</noscript></figure>");
        if (rows.isEmpty()) {
            html.append("<p class=\"empty\">No data in this window.</p>");
        } else {
            html.append("<details").append(rows.size() <= 12 ? " open" : "").append("><summary>Table (")
                    .append(rows.size()).append(" rows)</summary><table><thead><tr>");
            header.forEach(h -> html.append("<th>").append(esc(h)).append("</th>"));
            html.append("</tr></thead><tbody>");
            for (List<String> row : rows) {
                html.append("<tr>");
                row.forEach(cell -> html.append("<td>").append(esc(cell)).append("</td>"));
                html.append("</tr>");
            }
            html.append("</tbody></table></details>");
        }
        html.append("</section>\n");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> experiments(JobResult r) {
        Object value = r.details().get("experiments");
        return value instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> scope(Map<String, Object> experiment, String scope) {
        Object scopes = experiment.get("scopes");
        if (scopes instanceof Map<?, ?> map && map.get(scope) instanceof Map<?, ?> s) {
            return (Map<String, Object>) s;
        }
        return Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> arms(Map<String, Object> scope) {
        return scope.get("arms") instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }

    static Double num(Object value) {
        return value instanceof Number n ? n.doubleValue() : null;
    }

    static String fmt(Double value, String format) {
        if (value == null || value.isNaN()) {
            return "-";
        }
        return switch (format) {
            case "pct" -> String.format(Locale.ROOT, "%.2f%%", value * 100);
            case "ms" -> String.format(Locale.ROOT, "%.1f ms", value);
            case "p" -> value < 0.0001 ? "<0.0001" : String.format(Locale.ROOT, "%.4f", value);
            case "dec" -> String.format(Locale.ROOT, "%.4f", value);
            default -> value == Math.rint(value) ? String.format(Locale.ROOT, "%,.0f", value)
                    : String.format(Locale.ROOT, "%,.2f", value);
        };
    }

    /** "=0.0003" or "<0.0001", to follow a "p". */
    static String pText(Double p) {
        String text = fmt(p, "p");
        return text.startsWith("<") ? text : "=" + text;
    }

    static String esc(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** JSON safe inside a script element: no "</script>" or "<!--" can appear. */
    private static String json(Object value) {
        try {
            return EventJson.mapper().writeValueAsString(value).replace("<", "\\u003c");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = ReportGenerator.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing report resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
