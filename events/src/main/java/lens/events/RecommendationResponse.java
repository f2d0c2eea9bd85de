package lens.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record RecommendationResponse(String eventId, long timestamp, String requestId, long userId,
                                     String modelName, String modelVersion, double latencyMs, boolean success,
                                     String errorKind, List<Long> movieIds, String experimentId, String variant)
        implements LensEvent {
    @Override
    public Topic topic() {
        return Topic.RECOMMENDATION_RESPONSES;
    }

    @Override
    public String key() {
        return Long.toString(userId);
    }
}
