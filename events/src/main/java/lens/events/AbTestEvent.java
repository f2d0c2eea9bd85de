package lens.events;

import com.fasterxml.jackson.annotation.JsonInclude;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record AbTestEvent(String eventId, long timestamp, String experimentId, String variant, long userId,
                          AbEventType eventType, Double value) implements LensEvent {
    @Override
    public Topic topic() {
        return Topic.AB_TEST_EVENTS;
    }

    @Override
    public String key() {
        return Long.toString(userId);
    }
}
