package lens.ingest.support;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import lens.events.EventJson;
import lens.events.InteractionType;
import lens.events.LensEvent;
import lens.events.ModelMetric;
import lens.events.RecommendationResponse;
import lens.events.UserInteraction;

/** Valid events with chosen ids and times, as producers publish them. */
public final class TestEvents {

    private TestEvents() {
    }

    public static UserInteraction view(String eventId, long timestamp, long userId) {
        return new UserInteraction(eventId, timestamp, userId, 100 + userId % 50, InteractionType.VIEW, null, null,
                "s-" + userId, null);
    }

    public static RecommendationResponse response(String eventId, long timestamp, long userId) {
        return new RecommendationResponse(eventId, timestamp, "req-" + eventId, userId, "als", "v3", 12.5, true, null,
                List.of(5L, 9L, 11L), "exp-1", "B");
    }

    public static ModelMetric metric(String eventId, long timestamp) {
        return new ModelMetric(eventId, timestamp, "serving-metrics", "als", "v3", null, 1,
                Map.of("p50", 11.0, "p99", 240.5), null);
    }

    public static byte[] json(LensEvent event) {
        return EventJson.encode(event);
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
