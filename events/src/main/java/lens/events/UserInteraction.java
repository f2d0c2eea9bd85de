package lens.events;

import com.fasterxml.jackson.annotation.JsonInclude;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record UserInteraction(String eventId, long timestamp, long userId, long movieId,
                              InteractionType interactionType, Double rating, String query,
                              String sessionId, String requestId) implements LensEvent {

    public static UserInteraction rate(String eventId, long timestamp, long userId, long movieId, double rating) {
        return new UserInteraction(eventId, timestamp, userId, movieId, InteractionType.RATE, rating, null, null, null);
    }

    @Override
    public Topic topic() {
        return Topic.USER_INTERACTIONS;
    }

    @Override
    public String key() {
        return Long.toString(userId);
    }
}
