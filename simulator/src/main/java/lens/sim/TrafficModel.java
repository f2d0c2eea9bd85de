package lens.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import lens.events.AbEventType;
import lens.events.AbTestEvent;
import lens.events.EventHour;
import lens.events.EventJson;
import lens.events.InteractionType;
import lens.events.LensEvent;
import lens.events.ModelMetric;
import lens.events.RecommendationRequest;
import lens.events.RecommendationResponse;
import lens.events.Topic;
import lens.events.UserInteraction;

/**
 * Generates realistic LENS traffic for a {@link SimulationConfig}: interactions driven by planted tastes,
 * requests and responses per model with a long-tailed latency and failures, A/B assignments and conversions
 * with a planted lift, serving metrics, late (out-of-order) events and malformed messages.
 * Pure and deterministic: the same config gives the same messages in the same order.
 */
public final class TrafficModel {

    static final String CONTROL = "control";
    static final String TREATMENT = "treatment";
    private static final long HOUR_MS = 3_600_000L;

    private final SimulationConfig config;
    private final SplittableRandom random;
    private final TasteModel tastes;
    private final List<Pending> pending = new ArrayList<>();
    private final Map<Integer, RecommendationResponse> lastResponse = new HashMap<>();
    private final Map<Integer, String> rankerArm = new HashMap<>();
    private final Map<String, PlantedTruth.ServedHour> servedPerHour = new TreeMap<>();
    private long sequence;
    private double squaredRatingError;
    private long ratings;

    private TrafficModel(SimulationConfig config) {
        this.config = config;
        this.random = new SplittableRandom(config.seed());
        this.tastes = new TasteModel(config.users(), config.movies(), config.rank(), random.split());
    }

    public static Simulation generate(SimulationConfig config) {
        return new TrafficModel(config).run();
    }

    private record Pending(LensEvent event, long publishOrder, boolean late) {
    }

    private Simulation run() {
        Map<String, Long> assigned = new TreeMap<>();
        Map<String, Double> conversionRates = new TreeMap<>();
        plantExperiments(assigned, conversionRates);
        for (int h = 0; h < config.hours(); h++) {
            EventHour hour = config.firstHour().plusHours(h);
            generateHour(hour);
        }
        return assemble(assigned, conversionRates);
    }

    private void generateHour(EventHour hour) {
        int requests = Math.max(1, config.interactionsPerHour() / 4);
        // requests first within the hour's timeline so clicks can follow responses
        List<long[]> timeline = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            timeline.add(new long[] {eventTime(hour), 0});
        }
        for (int i = 0; i < config.interactionsPerHour(); i++) {
            timeline.add(new long[] {eventTime(hour), 1});
        }
        timeline.sort(Comparator.comparingLong(a -> a[0]));
        Map<String, List<RecommendationResponse>> responsesByModel = new TreeMap<>();
        for (long[] slot : timeline) {
            if (slot[1] == 0) {
                RecommendationResponse response = request(slot[0], hour);
                responsesByModel.computeIfAbsent(response.modelName(), m -> new ArrayList<>()).add(response);
            } else {
                interaction(slot[0]);
            }
        }
        // the serving side's own hourly metrics message per model
        long timestamp = hour.endMillis() - 1;
        responsesByModel.forEach((model, responses) -> {
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("requests", (double) responses.size());
            metrics.put("max_latency_ms", responses.stream().mapToDouble(RecommendationResponse::latencyMs).max()
                    .orElse(0));
            add(new ModelMetric(nextId(), timestamp, "serving", model, versionOf(model), hour.toString(), null,
                    metrics, null), timestamp);
        });
    }

    private RecommendationResponse request(long timestamp, EventHour hour) {
        int user = random.nextInt(config.users());
        String arm = rankerArm.get(user);
        String requestId = "req-" + config.seed() + "-" + (++sequence);
        add(new RecommendationRequest(nextId(), timestamp, requestId, user, 10,
                random.nextDouble() < 0.6 ? "home" : "detail", SimulationConfig.EXPERIMENT, arm), timestamp);
        double latency = Math.exp(Math.log(TREATMENT.equals(arm) ? 38 : 35) + 0.45 * TasteModel.gaussian(random));
        if (random.nextDouble() < 0.03) {
            latency *= 4 + random.nextDouble() * 8; // the long tail: GC pauses, cold caches
        }
        latency = round(latency);
        boolean timeout = latency > 800;
        boolean success = !timeout && random.nextDouble() > 0.015;
        String errorKind = success ? null : timeout ? "TIMEOUT" : "INTERNAL";
        List<Long> movieIds = new ArrayList<>();
        if (success && random.nextDouble() > 0.01) {
            for (int movie : tastes.topMovies(user, 10)) {
                movieIds.add((long) movie);
            }
        }
        long responseTime = Math.min(timestamp + (long) latency, hour.endMillis() - 1);
        String model = modelOf(user);
        RecommendationResponse response = new RecommendationResponse(nextId(), responseTime, requestId, user, model,
                versionOf(model), latency, success, errorKind, success ? movieIds : null,
                SimulationConfig.EXPERIMENT, arm);
        add(response, responseTime);
        countServed(hour, errorKind, latency);
        if (success && !movieIds.isEmpty()) {
            lastResponse.put(user, response);
        }
        return response;
    }

    private void countServed(EventHour hour, String errorKind, double latency) {
        PlantedTruth.ServedHour before = servedPerHour.getOrDefault(hour.toString(),
                new PlantedTruth.ServedHour(0, 0, Map.of(), 0));
        Map<String, Long> byKind = new TreeMap<>(before.failedByKind());
        if (errorKind != null) {
            byKind.merge(errorKind, 1L, Long::sum);
        }
        servedPerHour.put(hour.toString(), new PlantedTruth.ServedHour(before.requests() + 1,
                before.failed() + (errorKind == null ? 0 : 1), byKind, Math.max(before.maxLatencyMs(), latency)));
    }

    private void interaction(long timestamp) {
        int user = random.nextInt(config.users());
        InteractionType type = interactionType();
        int movie = tastes.chooseMovie(user, random);
        String requestId = null;
        RecommendationResponse response = lastResponse.get(user);
        if (type == InteractionType.CLICK && response != null && random.nextDouble() < 0.5) {
            movie = response.movieIds().get(random.nextInt(response.movieIds().size())).intValue();
            requestId = response.requestId();
        }
        Double rating = null;
        String query = null;
        if (type == InteractionType.RATE) {
            double expected = tastes.expectedRating(user, movie);
            double observed = clamp(Math.round((expected + config.ratingNoise() * TasteModel.gaussian(random)) * 2) / 2.0);
            squaredRatingError += (observed - expected) * (observed - expected);
            ratings++;
            rating = observed;
        } else if (type == InteractionType.SEARCH) {
            query = "movie " + movie;
        }
        add(new UserInteraction(nextId(), timestamp, user, movie, type, rating, query,
                "s-" + user + "-" + (timestamp / HOUR_MS), requestId), timestamp);
    }

    private InteractionType interactionType() {
        double u = random.nextDouble();
        if (u < 0.35) {
            return InteractionType.VIEW;
        }
        if (u < 0.55) {
            return InteractionType.CLICK;
        }
        if (u < 0.87) {
            return InteractionType.RATE;
        }
        return u < 0.94 ? InteractionType.BOOKMARK : InteractionType.SEARCH;
    }

    private void plantExperiments(Map<String, Long> assigned, Map<String, Double> conversionRates) {
        double base = SimulationConfig.BASE_CONVERSION;
        double treated = base * (1 + config.treatmentLift());
        conversionRates.put(SimulationConfig.EXPERIMENT + "/" + CONTROL, base);
        conversionRates.put(SimulationConfig.EXPERIMENT + "/" + TREATMENT, treated);
        conversionRates.put(SimulationConfig.SRM_EXPERIMENT + "/" + CONTROL, base);
        conversionRates.put(SimulationConfig.SRM_EXPERIMENT + "/" + TREATMENT, base);
        long horizonEnd = config.firstHour().plusHours(config.hours()).endMillis() - HOUR_MS;
        for (int user = 0; user < config.users(); user++) {
            String arm = random.nextBoolean() ? TREATMENT : CONTROL;
            rankerArm.put(user, arm);
            assignAndConvert(SimulationConfig.EXPERIMENT, arm, user, TREATMENT.equals(arm) ? treated : base,
                    horizonEnd, assigned);
            String layoutArm = random.nextDouble() < config.srmShare() ? TREATMENT : CONTROL;
            assignAndConvert(SimulationConfig.SRM_EXPERIMENT, layoutArm, user, base, horizonEnd, assigned);
        }
    }

    private void assignAndConvert(String experiment, String arm, int user, double conversionRate, long horizonEnd,
                                  Map<String, Long> assigned) {
        EventHour first = config.firstHour();
        long assignedAt = first.startMillis() + random.nextLong(HOUR_MS / 2);
        add(new AbTestEvent(nextId(), assignedAt, experiment, arm, user, AbEventType.ASSIGNMENT, null), assignedAt);
        assigned.merge(experiment + "/" + arm, 1L, Long::sum);
        if (random.nextDouble() < conversionRate) {
            long convertedAt = assignedAt + 1 + random.nextLong(Math.max(1, horizonEnd - assignedAt - 1));
            double value = round(Math.max(1, 10 + 3 * TasteModel.gaussian(random)));
            add(new AbTestEvent(nextId(), convertedAt, experiment, arm, user, AbEventType.CONVERSION, value),
                    convertedAt);
        }
    }

    private Simulation assemble(Map<String, Long> assigned, Map<String, Double> conversionRates) {
        Map<Topic, Long> valid = new EnumMap<>(Topic.class);
        Map<Topic, Long> late = new EnumMap<>(Topic.class);
        List<Pending> ordered = new ArrayList<>();
        long lastLateEligible = config.firstHour().plusHours(config.hours() - 2).startMillis();
        for (Pending p : pending) {
            boolean isLate = p.event().timestamp() < lastLateEligible && random.nextDouble() < config.lateShare();
            long publishOrder = isLate ? p.event().timestamp() + 2 * HOUR_MS + random.nextLong(HOUR_MS / 2)
                    : p.publishOrder();
            ordered.add(new Pending(p.event(), publishOrder, isLate));
            valid.merge(p.event().topic(), 1L, Long::sum);
            if (isLate) {
                late.merge(p.event().topic(), 1L, Long::sum);
            }
        }
        ordered.sort(Comparator.comparingLong(Pending::publishOrder));
        List<SimulatedMessage> messages = new ArrayList<>(ordered.size());
        for (Pending p : ordered) {
            messages.add(new SimulatedMessage(p.event().topic(), p.event().key(), EventJson.encode(p.event()),
                    p.event().timestamp(), true, p.late()));
        }
        Map<Topic, Long> invalid = insertMalformed(messages, valid);
        return new Simulation(List.copyOf(messages), new PlantedTruth(config, byName(valid), byName(invalid),
                byName(late), ratings, ratings == 0 ? 0 : Math.sqrt(squaredRatingError / ratings),
                conversionRates, assigned, config.treatmentLift(), new TreeMap<>(servedPerHour)));
    }

    private Map<Topic, Long> insertMalformed(List<SimulatedMessage> messages, Map<Topic, Long> valid) {
        Map<Topic, Long> invalid = new EnumMap<>(Topic.class);
        for (Topic topic : Topic.values()) {
            long count = Math.round(valid.getOrDefault(topic, 0L) * config.malformedShare());
            if (config.malformedShare() > 0 && count == 0) {
                count = 1;
            }
            for (long i = 0; i < count; i++) {
                int at = messages.isEmpty() ? 0 : random.nextInt(messages.size() + 1);
                long timestamp = at < messages.size() ? messages.get(at).timestamp() : config.firstHour().startMillis();
                byte[] payload = MalformedCorpus.pick(topic, timestamp, random);
                messages.add(at, new SimulatedMessage(topic, "bad-" + i, payload, timestamp, false, false));
                invalid.merge(topic, 1L, Long::sum);
            }
        }
        return invalid;
    }

    private void add(LensEvent event, long publishOrder) {
        pending.add(new Pending(event, publishOrder, false));
    }

    private String nextId() {
        return "sim-" + config.seed() + "-" + (++sequence);
    }

    private long eventTime(EventHour hour) {
        // traffic peaks late in the hour: the square root of a uniform leans towards 1
        return hour.startMillis() + (long) (Math.sqrt(random.nextDouble()) * (HOUR_MS - 1));
    }

    private String modelOf(int user) {
        return TREATMENT.equals(rankerArm.get(user)) ? "als-next" : "als";
    }

    private static String versionOf(String model) {
        return "als-next".equals(model) ? "v42" : "v41";
    }

    private static double clamp(double rating) {
        return Math.max(0.5, Math.min(5.0, rating));
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static Map<String, Long> byName(Map<Topic, Long> counts) {
        Map<String, Long> named = new TreeMap<>();
        for (Topic topic : Topic.values()) {
            named.put(topic.topicName(), counts.getOrDefault(topic, 0L));
        }
        return named;
    }
}
