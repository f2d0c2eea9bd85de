package lens.trainer.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lens.stats.DdSketch;
import lens.stats.HyperLogLog;

/**
 * Everything the serving metrics of a period are computed from, kept mergeable: counters add up, latency
 * quantiles live in DDSketches (merged bucket by bucket, never by averaging percentiles), distinct users in a
 * HyperLogLog. An hour's state is written next to its results; a day's state is the merge of its hours'.
 * Pure Java: the Spark job fills it from aggregates, the roll-up from Parquet rows.
 */
public final class ServingState {

    public static final String NO_EXPERIMENT = "(none)";
    public static final String UNKNOWN_ERROR = "unknown";

    final double latencyAccuracy;
    long requests;
    long unansweredRequests;
    long impressions;
    long clickedImpressions;
    long interactions;
    /** Whether every hour merged into this state had all its inputs complete. */
    boolean inputsComplete = true;
    /** Exact distinct users, known for a single hour only; a merge keeps the HyperLogLog estimate. */
    Long exactActiveUsers;
    final HyperLogLog users;
    final Map<ModelKey, ModelServing> models = new TreeMap<>();
    final Map<String, Long> errorsByKind = new TreeMap<>();
    /** Requests per experiment arm, keyed {@code experiment -> variant -> count}. */
    final Map<String, Map<String, Long>> armRequests = new TreeMap<>();
    final Map<String, Long> interactionsByType = new TreeMap<>();
    final Map<Long, Long> interactionsByMovie = new TreeMap<>();
    /** Keyed by the minute's start, ISO {@code 2026-11-29T08:13}, so days merge without collisions. */
    final Map<String, Long> interactionsByMinute = new TreeMap<>();
    final Map<String, Long> requestsByMinute = new TreeMap<>();

    public ServingState(double latencyAccuracy, int hllPrecision) {
        this.latencyAccuracy = latencyAccuracy;
        this.users = new HyperLogLog(hllPrecision);
    }

    // ---- filling (the job) ----

    public void addRequests(long count, long unanswered) {
        requests += count;
        unansweredRequests += unanswered;
    }

    public void addArmRequests(String experiment, String variant, long count) {
        armRequests.computeIfAbsent(experiment == null ? NO_EXPERIMENT : experiment, e -> new TreeMap<>())
                .merge(variant == null ? NO_EXPERIMENT : variant, count, Long::sum);
    }

    public void addRequestsInMinute(String minute, long count) {
        requestsByMinute.merge(minute, count, Long::sum);
    }

    public void addModel(ModelKey model, long responses, long successes, long emptyResults, double maxLatencyMs) {
        ModelServing serving = model(model);
        serving.responses += responses;
        serving.successes += successes;
        serving.emptyResults += emptyResults;
        serving.maxLatencyMs = Math.max(serving.maxLatencyMs, maxLatencyMs);
    }

    public void addLatencyBucket(ModelKey model, int bucket, long count) {
        model(model).latency.addToBucket(bucket, count);
    }

    public void addErrors(String kind, long count) {
        errorsByKind.merge(kind == null || kind.isBlank() ? UNKNOWN_ERROR : kind, count, Long::sum);
    }

    public void addImpressions(long shown, long clicked) {
        impressions += shown;
        clickedImpressions += clicked;
    }

    public void addInteractions(String type, long count) {
        interactions += count;
        interactionsByType.merge(type, count, Long::sum);
    }

    public void addMovieInteractions(long movieId, long count) {
        interactionsByMovie.merge(movieId, count, Long::sum);
    }

    public void addInteractionsInMinute(String minute, long count) {
        interactionsByMinute.merge(minute, count, Long::sum);
    }

    public void offerUserRegister(int register, int rank) {
        users.offer(register, rank);
    }

    public void setInputsComplete(boolean complete) {
        inputsComplete = complete;
    }

    public boolean inputsComplete() {
        return inputsComplete;
    }

    public void setExactActiveUsers(long count) {
        exactActiveUsers = count;
    }

    private ModelServing model(ModelKey key) {
        return models.computeIfAbsent(key, k -> new ModelServing(latencyAccuracy));
    }

    // ---- merging (roll-ups) ----

    /** Adds another period's state into this one. The exact distinct-user count is dropped: it does not add. */
    public ServingState merge(ServingState other) {
        requests += other.requests;
        unansweredRequests += other.unansweredRequests;
        impressions += other.impressions;
        clickedImpressions += other.clickedImpressions;
        interactions += other.interactions;
        inputsComplete &= other.inputsComplete;
        exactActiveUsers = null;
        users.merge(other.users);
        other.models.forEach((key, serving) -> model(key).merge(serving));
        other.errorsByKind.forEach((k, v) -> errorsByKind.merge(k, v, Long::sum));
        other.armRequests.forEach((exp, arms) -> arms.forEach((arm, n) -> addArmRequests(exp, arm, n)));
        other.interactionsByType.forEach((k, v) -> interactionsByType.merge(k, v, Long::sum));
        other.interactionsByMovie.forEach((k, v) -> interactionsByMovie.merge(k, v, Long::sum));
        other.interactionsByMinute.forEach((k, v) -> interactionsByMinute.merge(k, v, Long::sum));
        other.requestsByMinute.forEach((k, v) -> requestsByMinute.merge(k, v, Long::sum));
        return this;
    }

    // ---- reading ----

    public Map<ModelKey, ModelServing> models() {
        return java.util.Collections.unmodifiableMap(models);
    }

    public long responses() {
        return models.values().stream().mapToLong(m -> m.responses).sum();
    }

    public long successes() {
        return models.values().stream().mapToLong(m -> m.successes).sum();
    }

    public double activeUsers() {
        return exactActiveUsers != null ? exactActiveUsers : Math.rint(users.estimate());
    }

    public DdSketch overallLatency() {
        DdSketch all = new DdSketch(latencyAccuracy);
        models.values().forEach(m -> all.merge(m.latency));
        return all;
    }

    /** The flat metrics of {@code JobResult}: only defined values (no NaN: a rate without a denominator is absent). */
    public Map<String, Double> metrics() {
        Map<String, Double> m = new LinkedHashMap<>();
        long responses = responses();
        long successes = successes();
        long errors = responses - successes;
        m.put("requests", (double) requests);
        m.put("inputs_complete", inputsComplete ? 1.0 : 0.0);
        m.put("responses", (double) responses);
        m.put("unanswered_requests", (double) unansweredRequests);
        m.put("errors", (double) errors);
        if (responses > 0) {
            m.put("success_rate", (double) successes / responses);
            m.put("error_rate", (double) errors / responses);
        }
        long empty = models.values().stream().mapToLong(s -> s.emptyResults).sum();
        if (successes > 0) {
            m.put("empty_result_rate", (double) empty / successes);
        }
        errorsByKind.forEach((kind, n) -> m.put("errors." + kind, (double) n));
        putLatency(m, "", overallLatency(), models.values().stream().mapToDouble(s -> s.maxLatencyMs).max());
        for (Map.Entry<ModelKey, ModelServing> model : models.entrySet()) {
            String prefix = model.getKey().metricPrefix() + ".";
            ModelServing s = model.getValue();
            m.put(prefix + "requests", (double) s.responses);
            if (s.responses > 0) {
                m.put(prefix + "success_rate", (double) s.successes / s.responses);
            }
            putLatency(m, prefix, s.latency, java.util.OptionalDouble.of(s.maxLatencyMs));
        }
        armRequests.forEach((exp, arms) -> arms.forEach((arm, n) -> {
            if (requests > 0) {
                // "(none)" is no identifier: traffic outside every experiment gets its own, valid, name
                m.put(exp.equals(NO_EXPERIMENT) ? "no_experiment.share" : "arm." + exp + "." + arm + ".share",
                        (double) n / requests);
            }
        }));
        double active = activeUsers();
        m.put("active_users", active);
        m.put("interactions", (double) interactions);
        if (active > 0) {
            m.put("interactions_per_user", interactions / active);
            interactionsByType.forEach((type, n) -> m.put("interactions_per_user." + type.toLowerCase(), n / active));
        }
        m.put("impressions", (double) impressions);
        m.put("clicked_impressions", (double) clickedImpressions);
        if (impressions > 0) {
            m.put("ctr", (double) clickedImpressions / impressions);
        }
        peak(interactionsByMinute).ifPresent(p -> {
            m.put("peak_minute_interactions", (double) p.getValue());
            m.put("peak_minute_of_hour", (double) Integer.parseInt(p.getKey().substring(14, 16)));
        });
        peak(requestsByMinute).ifPresent(p -> m.put("peak_minute_requests", (double) p.getValue()));
        return m;
    }

    private static void putLatency(Map<String, Double> m, String prefix, DdSketch sketch,
                                   java.util.OptionalDouble max) {
        if (sketch.count() == 0) {
            return;
        }
        m.put(prefix + "latency_p50_ms", sketch.quantile(0.50));
        m.put(prefix + "latency_p95_ms", sketch.quantile(0.95));
        m.put(prefix + "latency_p99_ms", sketch.quantile(0.99));
        max.ifPresent(v -> m.put(prefix + "latency_max_ms", v));
    }

    /** The busiest minute (earliest on ties). */
    public static java.util.Optional<Map.Entry<String, Long>> peak(Map<String, Long> byMinute) {
        return byMinute.entrySet().stream()
                .max(Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue)
                        .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()));
    }

    /** Movies by interactions, most first (lower id on ties). */
    public List<Map.Entry<Long, Long>> topMovies(int limit) {
        return interactionsByMovie.entrySet().stream()
                .sorted(Comparator.<Map.Entry<Long, Long>>comparingLong(Map.Entry::getValue).reversed()
                        .thenComparing(Map.Entry::getKey))
                .limit(limit)
                .toList();
    }

    /** The tables a reader wants in {@code summary.json}'s details. */
    public Map<String, Object> details(int topMovies) {
        Map<String, Object> d = new LinkedHashMap<>();
        List<Map<String, Object>> modelRows = new ArrayList<>();
        models.forEach((key, s) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("modelName", key.name());
            row.put("modelVersion", key.version());
            row.put("requests", s.responses);
            row.put("successes", s.successes);
            row.put("errors", s.responses - s.successes);
            row.put("emptyResults", s.emptyResults);
            if (s.latency.count() > 0) {
                row.put("latencyP50Ms", s.latency.quantile(0.5));
                row.put("latencyP95Ms", s.latency.quantile(0.95));
                row.put("latencyP99Ms", s.latency.quantile(0.99));
                row.put("latencyMaxMs", s.maxLatencyMs);
            }
            modelRows.add(row);
        });
        d.put("models", modelRows);
        d.put("errorsByKind", new LinkedHashMap<>(errorsByKind));
        List<Map<String, Object>> arms = new ArrayList<>();
        armRequests.forEach((exp, byArm) -> byArm.forEach((arm, n) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("experimentId", exp);
            row.put("variant", arm);
            row.put("requests", n);
            row.put("share", requests == 0 ? 0.0 : (double) n / requests);
            arms.add(row);
        }));
        d.put("trafficByArm", arms);
        d.put("interactionsByType", new LinkedHashMap<>(interactionsByType));
        List<Map<String, Object>> top = new ArrayList<>();
        for (Map.Entry<Long, Long> movie : topMovies(topMovies)) {
            top.add(ordered("movieId", movie.getKey(), "interactions", movie.getValue()));
        }
        d.put("topMovies", top);
        peak(interactionsByMinute).ifPresent(p -> d.put("peakMinute", ordered("minute", p.getKey(),
                "interactions", p.getValue())));
        peak(requestsByMinute).ifPresent(p -> d.put("peakRequestMinute", ordered("minute", p.getKey(),
                "requests", p.getValue())));
        return d;
    }

    /** A JSON object with a fixed key order: equal results must serialize to equal bytes. */
    public static Map<String, Object> ordered(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    // ---- persistence as rows ----

    public List<StateEntry> toEntries() {
        List<StateEntry> rows = new ArrayList<>();
        rows.add(new StateEntry("config", "latency_accuracy", "", 0, latencyAccuracy, null));
        rows.add(StateEntry.count("total", "requests", "", requests));
        rows.add(StateEntry.count("total", "unanswered_requests", "", unansweredRequests));
        rows.add(StateEntry.count("total", "impressions", "", impressions));
        rows.add(StateEntry.count("total", "clicked_impressions", "", clickedImpressions));
        rows.add(StateEntry.count("total", "inputs_complete", "", inputsComplete ? 1 : 0));
        if (exactActiveUsers != null) {
            rows.add(StateEntry.count("total", "exact_active_users", "", exactActiveUsers));
        }
        rows.add(new StateEntry("users_hll", "", "", 0, 0, users.toBase64()));
        models.forEach((key, s) -> {
            rows.add(StateEntry.count("model_responses", key.name(), key.version(), s.responses));
            rows.add(StateEntry.count("model_successes", key.name(), key.version(), s.successes));
            rows.add(StateEntry.count("model_empty_results", key.name(), key.version(), s.emptyResults));
            rows.add(new StateEntry("model_latency", key.name(), key.version(), s.latency.count(), s.maxLatencyMs,
                    s.latency.encode()));
        });
        errorsByKind.forEach((k, n) -> rows.add(StateEntry.count("error_kind", k, "", n)));
        armRequests.forEach((exp, arms) -> arms.forEach((arm, n) -> rows.add(StateEntry.count("arm", exp, arm, n))));
        interactionsByType.forEach((k, n) -> rows.add(StateEntry.count("interaction_type", k, "", n)));
        interactionsByMovie.forEach((k, n) -> rows.add(StateEntry.count("movie", Long.toString(k), "", n)));
        interactionsByMinute.forEach((k, n) -> rows.add(StateEntry.count("minute_interactions", k, "", n)));
        requestsByMinute.forEach((k, n) -> rows.add(StateEntry.count("minute_requests", k, "", n)));
        return rows;
    }

    public static ServingState fromEntries(List<StateEntry> rows) {
        double accuracy = rows.stream().filter(r -> r.kind().equals("config")).mapToDouble(StateEntry::value)
                .findFirst().orElseThrow(() -> new IllegalArgumentException("state without latency accuracy"));
        HyperLogLog hll = rows.stream().filter(r -> r.kind().equals("users_hll"))
                .map(r -> HyperLogLog.fromBase64(r.text())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("state without user sketch"));
        ServingState state = new ServingState(accuracy, hll.precision());
        state.users.merge(hll);
        for (StateEntry r : rows) {
            ModelKey model = new ModelKey(r.key(), r.subkey());
            switch (r.kind()) {
                case "total" -> {
                    switch (r.key()) {
                        case "requests" -> state.requests += r.count();
                        case "unanswered_requests" -> state.unansweredRequests += r.count();
                        case "impressions" -> state.impressions += r.count();
                        case "clicked_impressions" -> state.clickedImpressions += r.count();
                        case "exact_active_users" -> state.exactActiveUsers = r.count();
                        case "inputs_complete" -> state.inputsComplete = r.count() == 1;
                        default -> throw new IllegalArgumentException("unknown total " + r.key());
                    }
                }
                case "model_responses" -> state.model(model).responses += r.count();
                case "model_successes" -> state.model(model).successes += r.count();
                case "model_empty_results" -> state.model(model).emptyResults += r.count();
                case "model_latency" -> {
                    ModelServing s = state.model(model);
                    s.latency.merge(lens.stats.DdSketch.decode(r.text()));
                    s.maxLatencyMs = Math.max(s.maxLatencyMs, r.value());
                }
                case "error_kind" -> state.addErrors(r.key(), r.count());
                case "arm" -> state.addArmRequests(r.key(), r.subkey(), r.count());
                case "interaction_type" -> state.addInteractions(r.key(), r.count());
                case "movie" -> state.addMovieInteractions(Long.parseLong(r.key()), r.count());
                case "minute_interactions" -> state.addInteractionsInMinute(r.key(), r.count());
                case "minute_requests" -> state.addRequestsInMinute(r.key(), r.count());
                case "config", "users_hll" -> {
                }
                default -> throw new IllegalArgumentException("unknown state entry kind " + r.kind());
            }
        }
        return state;
    }
}
