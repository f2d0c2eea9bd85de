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

    /**
     * @param eventTime the event's timestamp when it was read before the verdict (a timestamp out of range), else -1:
     *                  a reader that landed the event before, when it was judged valid, can still find it by its hour
     */
    record Invalid(InvalidReason reason, String detail, long eventTime) implements Validation {

        public Invalid(InvalidReason reason, String detail) {
            this(reason, detail, -1);
        }

        @Override
        public String toString() {
            return reason + ": " + detail;
        }
    }
}
