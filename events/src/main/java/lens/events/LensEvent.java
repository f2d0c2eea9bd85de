package lens.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** A typed LENS event; its JSON form is what producers publish. */
public sealed interface LensEvent
        permits UserInteraction, RecommendationRequest, RecommendationResponse, ModelMetric, AbTestEvent {

    String eventId();

    /** Event time, epoch millis UTC. */
    long timestamp();

    @JsonIgnore
    Topic topic();

    /** The Kafka record key: keeps one user's (or one job window's) events in one partition, in order. */
    @JsonIgnore
    String key();
}
