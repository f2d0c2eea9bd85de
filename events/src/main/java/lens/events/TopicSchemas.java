package lens.events;

import static lens.events.Field.optional;
import static lens.events.Field.required;
import static lens.events.FieldType.BOOLEAN;
import static lens.events.FieldType.DOUBLE;
import static lens.events.FieldType.DOUBLE_MAP;
import static lens.events.FieldType.INT;
import static lens.events.FieldType.LONG;
import static lens.events.FieldType.LONG_LIST;
import static lens.events.FieldType.STRING;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The contract of every topic, version 1. Common fields come first so every table starts alike. */
final class TopicSchemas {

    private static final Map<Topic, TopicSchema> SCHEMAS = new EnumMap<>(Topic.class);

    static {
        SCHEMAS.put(Topic.USER_INTERACTIONS, new TopicSchema(Topic.USER_INTERACTIONS, 1,
                "A user's interaction with the catalog: view, click, rate, bookmark or search.",
                List.of(eventId(), timestamp(),
                        required("userId", LONG, "User id").atLeast(0),
                        required("movieId", LONG, "Movie id (for SEARCH: the movie the search led to)").atLeast(0),
                        required("interactionType", STRING, "What the user did")
                                .oneOf(InteractionType.names()),
                        optional("rating", DOUBLE, "Stars, 0.5 to 5; required for RATE").between(0.5, 5.0),
                        optional("query", STRING, "Search text, for SEARCH"),
                        optional("sessionId", STRING, "Client session").asIdentifier(),
                        optional("requestId", STRING, "The recommendation request this interaction came from")
                                .asIdentifier()),
                List.of(new TopicSchema.RequiredWhen("rating", "interactionType", "RATE"))));
        SCHEMAS.put(Topic.RECOMMENDATION_REQUESTS, new TopicSchema(Topic.RECOMMENDATION_REQUESTS, 1,
                "A request for recommendations, as the serving side received it.",
                List.of(eventId(), timestamp(),
                        required("requestId", STRING, "Request id, shared with its response").asIdentifier(),
                        required("userId", LONG, "User id").atLeast(0),
                        required("numItems", INT, "How many items were asked for").between(1, 1000),
                        optional("context", STRING, "Where the request came from (home, detail, search)")
                                .asIdentifier(),
                        optional("experimentId", STRING, "Experiment the user is in").asIdentifier(),
                        optional("variant", STRING, "Arm of that experiment").asIdentifier()),
                List.of()));
        SCHEMAS.put(Topic.RECOMMENDATION_RESPONSES, new TopicSchema(Topic.RECOMMENDATION_RESPONSES, 1,
                "The answer to a recommendation request: which model answered, how fast, with what.",
                List.of(eventId(), timestamp(),
                        required("requestId", STRING, "Request id").asIdentifier(),
                        required("userId", LONG, "User id").atLeast(0),
                        required("modelName", STRING, "Model that served it").asIdentifier(),
                        required("modelVersion", STRING, "Version of that model").asIdentifier(),
                        required("latencyMs", DOUBLE, "Serving latency in milliseconds").between(0, 3_600_000),
                        required("success", BOOLEAN, "Whether recommendations were served"),
                        optional("errorKind", STRING, "Failure kind when success is false").asIdentifier(),
                        optional("movieIds", LONG_LIST, "Recommended movie ids, best first"),
                        optional("experimentId", STRING, "Experiment the user is in").asIdentifier(),
                        optional("variant", STRING, "Arm of that experiment").asIdentifier()),
                List.of()));
        SCHEMAS.put(Topic.MODEL_METRICS, new TopicSchema(Topic.MODEL_METRICS, 1,
                "A metrics summary: from serving, or from a pipeline job keyed by (job, window, version).",
                List.of(eventId(), timestamp(),
                        required("source", STRING, "Who measured: a job name or a service").asIdentifier(),
                        optional("modelName", STRING, "Model the metrics are about").asIdentifier(),
                        optional("modelVersion", STRING, "Version of that model").asIdentifier(),
                        optional("window", STRING, "Data window, e.g. 2026-11-29T08:00Z"),
                        optional("version", INT, "Result version of that window; higher wins").atLeast(1),
                        required("metrics", DOUBLE_MAP, "Metric name to value"),
                        optional("summary", STRING, "The full JSON summary of a pipeline job")),
                List.of()));
        SCHEMAS.put(Topic.AB_TEST_EVENTS, new TopicSchema(Topic.AB_TEST_EVENTS, 1,
                "Experiment events: a unit's assignment to an arm, and its conversions.",
                List.of(eventId(), timestamp(),
                        required("experimentId", STRING, "Experiment id").asIdentifier(),
                        required("variant", STRING, "Arm").asIdentifier(),
                        required("userId", LONG, "Unit (user) id").atLeast(0),
                        required("eventType", STRING, "ASSIGNMENT or CONVERSION").oneOf(AbEventType.names()),
                        optional("value", DOUBLE, "Conversion value, when it has one")),
                List.of()));
    }

    private TopicSchemas() {
    }

    static TopicSchema of(Topic topic) {
        return SCHEMAS.get(topic);
    }

    private static Field eventId() {
        return required("eventId", STRING, "Unique event id (UUID or any unique string)");
    }

    private static Field timestamp() {
        return required("timestamp", LONG, "Event time, epoch milliseconds UTC");
    }
}
