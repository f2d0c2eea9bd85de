package lens.events;

import java.util.Arrays;
import java.util.Optional;

/** The five LENS topics. Each has one dead-letter topic, {@code <topic>.DLT}. */
public enum Topic {
    USER_INTERACTIONS("user-interactions"),
    RECOMMENDATION_REQUESTS("recommendation-requests"),
    RECOMMENDATION_RESPONSES("recommendation-responses"),
    MODEL_METRICS("model-metrics"),
    AB_TEST_EVENTS("ab-test-events");

    public static final String DEAD_LETTER_SUFFIX = ".DLT";

    private final String topicName;

    Topic(String topicName) {
        this.topicName = topicName;
    }

    /** The Kafka topic name, also the {@code topic=} partition value in the lake. */
    public String topicName() {
        return topicName;
    }

    public String deadLetterTopic() {
        return topicName + DEAD_LETTER_SUFFIX;
    }

    public TopicSchema schema() {
        return TopicSchemas.of(this);
    }

    public static Optional<Topic> byName(String name) {
        return Arrays.stream(values()).filter(t -> t.topicName.equals(name)).findFirst();
    }

    public static Topic named(String name) {
        return byName(name).orElseThrow(() -> new IllegalArgumentException("unknown LENS topic: " + name));
    }
}
