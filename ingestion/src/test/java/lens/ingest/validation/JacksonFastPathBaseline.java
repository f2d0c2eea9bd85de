package lens.ingest.validation;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import lens.events.EventValidator;
import lens.events.Field;
import lens.events.FieldType;
import lens.events.Topic;
import lens.events.Validation;

/**
 * The fast path as it was before {@link JsonEventScanner}: Jackson's streaming parser plus a separate UTF-8 scan.
 * Kept only as {@link FastPathValidatorBenchmark}'s baseline, unchanged but for its name and its own copy of the
 * String form of the safe-identifier check.
 */
final class JacksonFastPathBaseline {

    private static final JsonFactory JSON = new JsonFactory();
    /** The fast path's "not sure": the canonical validator decides. */
    private static final Object ASK_CANONICAL = new Object();
    private static final Object JSON_NULL = new Object();

    private final EventValidator canonical;
    private final Clock clock;
    private final Duration maxFutureSkew;
    private final int maxPayloadBytes;
    private final Map<Topic, TopicRules> rules = new EnumMap<>(Topic.class);

    JacksonFastPathBaseline(Clock clock, Duration maxFutureSkew, int maxPayloadBytes) {
        this.canonical = new EventValidator(clock, maxFutureSkew, maxPayloadBytes);
        this.clock = clock;
        this.maxFutureSkew = maxFutureSkew;
        this.maxPayloadBytes = maxPayloadBytes;
        for (Topic topic : Topic.values()) {
            rules.put(topic, new TopicRules(topic));
        }
    }

    public Validation validate(Topic topic, byte[] payload) {
        Validation.Valid valid = tryFastPath(topic, payload);
        return valid != null ? valid : canonical.validate(topic, payload);
    }

    /** The valid event, or null when the canonical validator must decide. */
    Validation.Valid tryFastPath(Topic topic, byte[] payload) {
        if (payload == null || payload.length == 0 || payload.length > maxPayloadBytes || !EventValidator.isUtf8(payload)) {
            return null;
        }
        TopicRules topicRules = rules.get(topic);
        Field[] fields = topicRules.fields;
        Object[] values = new Object[fields.length];
        try (JsonParser parser = JSON.createParser(payload)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            long seen = 0;
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
                int index = topicRules.indexOf(parser.currentName());
                if (index < 0 || (seen & (1L << index)) != 0) {
                    return null; // unknown extra field (kept as extras) or a key given twice
                }
                seen |= 1L << index;
                Object value = value(fields[index], parser, parser.nextToken());
                if (value == ASK_CANONICAL) {
                    return null;
                }
                values[index] = value == JSON_NULL ? null : value;
            }
            if (parser.nextToken() != null) {
                return null; // trailing content
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        for (int i = 0; i < fields.length; i++) {
            if (fields[i].required() && values[i] == null) {
                return null;
            }
        }
        for (int[] condition : topicRules.conditions) {
            if (topicRules.conditionValues[condition[2]].equals(values[condition[1]]) && values[condition[0]] == null) {
                return null;
            }
        }
        long timestamp = (Long) values[topicRules.timestampIndex];
        long latest = clock.instant().plus(maxFutureSkew).toEpochMilli();
        if (timestamp < EventValidator.EARLIEST.toEpochMilli() || timestamp > latest) {
            return null;
        }
        String eventId = (String) values[topicRules.eventIdIndex];
        if (eventId.isBlank()) {
            return null;
        }
        return new Validation.Valid(topic, eventId, timestamp, values, null);
    }

    private static Object value(Field field, JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return JSON_NULL;
        }
        switch (field.type()) {
            case STRING -> {
                return token == JsonToken.VALUE_STRING ? string(field, parser.getText()) : ASK_CANONICAL;
            }
            case LONG, INT -> {
                if (token != JsonToken.VALUE_NUMBER_INT) {
                    return ASK_CANONICAL;
                }
                JsonParser.NumberType type = parser.getNumberType();
                if (type == JsonParser.NumberType.BIG_INTEGER
                        || (field.type() == FieldType.INT && type != JsonParser.NumberType.INT)) {
                    return ASK_CANONICAL;
                }
                long value = parser.getLongValue();
                if (!inRange(field, value)) {
                    return ASK_CANONICAL;
                }
                return field.type() == FieldType.INT ? (Object) (int) value : (Object) value;
            }
            case DOUBLE -> {
                double value = number(parser, token);
                return !Double.isFinite(value) || !inRange(field, value) ? ASK_CANONICAL : value;
            }
            case BOOLEAN -> {
                return token == JsonToken.VALUE_TRUE ? Boolean.TRUE
                        : token == JsonToken.VALUE_FALSE ? Boolean.FALSE : ASK_CANONICAL;
            }
            case LONG_LIST -> {
                return token == JsonToken.START_ARRAY ? longList(parser) : ASK_CANONICAL;
            }
            case DOUBLE_MAP -> {
                return token == JsonToken.START_OBJECT ? doubleMap(parser) : ASK_CANONICAL;
            }
            default -> {
                return ASK_CANONICAL;
            }
        }
    }

    private static Object string(Field field, String value) {
        if (value.indexOf('\0') >= 0 || value.length() > Field.MAX_STRING_LENGTH) {
            return ASK_CANONICAL;
        }
        if (!field.allowed().isEmpty()) {
            int at = field.allowed().indexOf(value);
            // the contract's own instance: one String per enum value however many rows hold it
            return at < 0 ? ASK_CANONICAL : field.allowed().get(at);
        }
        if (field.identifier() && !safeIdentifier(value)) {
            return ASK_CANONICAL;
        }
        return value;
    }

    /** A number as the canonical validator reads it (an integer token converts to double), or NaN to ask it. */
    private static double number(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NUMBER_FLOAT) {
            return parser.getDoubleValue();
        }
        if (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            return parser.getLongValue();
        }
        return Double.NaN;
    }

    private static Object longList(JsonParser parser) throws IOException {
        long[] items = new long[8];
        int size = 0;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                return ASK_CANONICAL;
            }
            if (size == items.length) {
                items = Arrays.copyOf(items, size * 2);
            }
            items[size++] = parser.getLongValue();
        }
        return Arrays.copyOf(items, size);
    }

    private static Object doubleMap(JsonParser parser) throws IOException {
        Map<String, Double> map = new LinkedHashMap<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            String key = parser.currentName();
            if (!safeIdentifier(key) || map.containsKey(key)) {
                return ASK_CANONICAL;
            }
            double value = number(parser, parser.nextToken());
            if (!Double.isFinite(value)) {
                return ASK_CANONICAL;
            }
            map.put(key, value);
        }
        return map;
    }

    /** The same comparison as the canonical validator's range check (a long compares as a double). */
    private static boolean inRange(Field field, double value) {
        return !((field.min() != null && value < field.min()) || (field.max() != null && value > field.max()));
    }

    private static boolean safeIdentifier(String value) {
        int length = value.length();
        if (length == 0 || length > 64 || value.charAt(0) == '.') {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '-' || c == '.';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /** A topic's contract in the shape the fast path needs: arrays and indexes instead of lookups by name. */
    private static final class TopicRules {
        final Field[] fields;
        final Map<String, Integer> indexByName = new HashMap<>();
        final int timestampIndex;
        final int eventIdIndex;
        /** {field, whenField, index into conditionValues} */
        final int[][] conditions;
        final String[] conditionValues;

        TopicRules(Topic topic) {
            var schema = topic.schema();
            this.fields = schema.fields().toArray(Field[]::new);
            if (fields.length > 63) {
                throw new IllegalStateException(topic + " has more fields than the fast path's bit set holds");
            }
            for (int i = 0; i < fields.length; i++) {
                indexByName.put(fields[i].name(), i);
            }
            this.timestampIndex = schema.indexOf("timestamp");
            this.eventIdIndex = schema.indexOf("eventId");
            this.conditions = new int[schema.conditions().size()][];
            this.conditionValues = new String[conditions.length];
            for (int i = 0; i < conditions.length; i++) {
                var condition = schema.conditions().get(i);
                conditions[i] = new int[] {schema.indexOf(condition.field()), schema.indexOf(condition.whenField()), i};
                conditionValues[i] = condition.whenValue();
            }
        }

        int indexOf(String name) {
            Integer index = indexByName.get(name);
            return index == null ? -1 : index;
        }
    }
}
