package lens.events;

/** The outcome of validating one message against its topic's contract. */
public sealed interface Validation {

    /**
     * A valid event as column values in {@link TopicSchema#fields()} order. Types per {@link FieldType}:
     * String, Long, Integer, Double, Boolean, long[], {@code Map<String, Double>}; null when absent.
     *
     * @param extrasJson unknown extra properties, kept as a JSON object (schema evolution), or null
     */
    record Valid(Topic topic, String eventId, long timestamp, Object[] values, String extrasJson)
            implements Validation {
    }

    record Invalid(InvalidReason reason, String detail) implements Validation {
        @Override
        public String toString() {
            return reason + ": " + detail;
        }
    }
}
