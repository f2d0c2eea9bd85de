package lens.events;

import com.fasterxml.jackson.annotation.JsonInclude;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record RecommendationRequest(String eventId, long timestamp, String requestId, long userId, int numItems,
                                    String context, String experimentId, String variant) implements LensEvent {
    @Override
    public Topic topic() {
        return Topic.RECOMMENDATION_REQUESTS;
    }

    @Override
    public String key() {
        return Long.toString(userId);
    }
}
