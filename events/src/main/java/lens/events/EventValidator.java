package lens.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Tells a good event from a bad one, with a reason. Strict on types (a quoted number is a wrong type),
 * tolerant of unknown extra fields (kept as {@code extrasJson}). Thread-safe.
 */
public final class EventValidator {

    /** Events before this are bugs (clock unset, seconds taken for millis), not history. */
    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final Pattern SAFE = Pattern.compile(Field.SAFE_IDENTIFIER);

    // a second value or garbage after the object makes the message not JSON, not an object with a tail ignored
    private final ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private final Clock clock;
    private final Duration maxFutureSkew;
    private final int maxPayloadBytes;

    public EventValidator(Clock clock, Duration maxFutureSkew, int maxPayloadBytes) {
        this.clock = clock;
        this.maxFutureSkew = maxFutureSkew;
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /** Defaults: one hour of clock skew, 64 KiB payloads. */
    public static EventValidator withDefaults() {
        return new EventValidator(Clock.systemUTC(), Duration.ofHours(1), 64 * 1024);
    }

    public Validation validate(Topic topic, byte[] payload) {
        if (payload == null) {
            return invalid(InvalidReason.NULL_PAYLOAD, "message has no value (tombstone)");
        }
        if (payload.length == 0) {
            return invalid(InvalidReason.EMPTY_PAYLOAD, "message value is empty");
        }
        if (payload.length > maxPayloadBytes) {
            return invalid(InvalidReason.OVERSIZE_PAYLOAD,
                    payload.length + " bytes exceeds the limit of " + maxPayloadBytes);
        }
        if (!isUtf8(payload)) {
            return invalid(InvalidReason.NOT_UTF8, "value is not valid UTF-8");
        }
        JsonNode root;
        try {
            root = mapper.readTree(payload);
        } catch (StreamReadException e) {
            String message = e.getOriginalMessage();
            boolean truncated = message != null && message.contains("end-of-input");
            return invalid(truncated ? InvalidReason.TRUNCATED_JSON : InvalidReason.NOT_JSON, firstLine(message));
        } catch (JsonProcessingException e) {
            return invalid(InvalidReason.NOT_JSON, firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            return invalid(InvalidReason.NOT_JSON, firstLine(e.getMessage()));
        }
        if (root == null || root.isMissingNode()) {
            return invalid(InvalidReason.EMPTY_PAYLOAD, "value holds no JSON");
        }
        if (!root.isObject()) {
            return invalid(InvalidReason.NOT_AN_OBJECT, "expected a JSON object, got " + root.getNodeType());
        }
        String unstorable = LoneSurrogates.firstIn(payload, root);
        if (unstorable != null) {
            // JSON escapes may spell half of a surrogate pair; written as UTF-8 it would silently become '?'
            return invalid(InvalidReason.INVALID_VALUE, unstorable + " holds a lone UTF-16 surrogate (an escape such "
                    + "as \\ud800 without its pair), which UTF-8 cannot store");
        }
        return validateObject(topic, (ObjectNode) root);
    }

    private Validation validateObject(Topic topic, ObjectNode json) {
        TopicSchema schema = topic.schema();
        Object[] values = new Object[schema.fields().size()];
        for (int i = 0; i < values.length; i++) {
            Field field = schema.fields().get(i);
            JsonNode node = json.get(field.name());
            if (node == null || node.isNull()) {
                if (field.required()) {
                    return invalid(InvalidReason.MISSING_FIELD, "required field '" + field.name() + "' is missing");
                }
                continue;
            }
            Object value = convert(field, node);
            if (value instanceof Validation.Invalid problem) {
                return problem;
            }
            values[i] = value;
        }
        for (TopicSchema.RequiredWhen condition : schema.conditions()) {
            Object when = values[schema.indexOf(condition.whenField())];
            if (condition.whenValue().equals(when) && values[schema.indexOf(condition.field())] == null) {
                return invalid(InvalidReason.MISSING_FIELD, "'" + condition.field() + "' is required when "
                        + condition.whenField() + " is " + condition.whenValue());
            }
        }
        long timestamp = (Long) values[schema.indexOf("timestamp")];
        Instant latest = clock.instant().plus(maxFutureSkew);
        if (timestamp < EARLIEST.toEpochMilli() || timestamp > latest.toEpochMilli()) {
            return new Validation.Invalid(InvalidReason.TIMESTAMP_OUT_OF_RANGE, "timestamp " + timestamp + " ("
                    + Instant.ofEpochMilli(timestamp) + ") is outside [" + EARLIEST + ", now + " + maxFutureSkew + "]",
                    timestamp);
        }
        String eventId = (String) values[schema.indexOf("eventId")];
        if (eventId.isBlank()) {
            return invalid(InvalidReason.INVALID_VALUE, "eventId is blank");
        }
        return new Validation.Valid(topic, eventId, timestamp, values, extras(schema, json));
    }

    private Object convert(Field field, JsonNode node) {
        switch (field.type()) {
            case STRING -> {
                if (!node.isTextual()) {
                    return wrongType(field, node);
                }
                return checkString(field, node.textValue());
            }
            case LONG, INT -> {
                if (!node.isIntegralNumber() || !node.canConvertToLong()
                        || (field.type() == FieldType.INT && !node.canConvertToInt())) {
                    return wrongType(field, node);
                }
                long value = node.longValue();
                Validation.Invalid outOfRange = checkRange(field, value);
                if (outOfRange != null) {
                    return outOfRange;
                }
                return field.type() == FieldType.INT ? (Object) (int) value : (Object) value;
            }
            case DOUBLE -> {
                if (!node.isNumber()) {
                    return wrongType(field, node);
                }
                double value = node.doubleValue();
                if (!Double.isFinite(value)) {
                    return invalid(InvalidReason.INVALID_VALUE, field.name() + " is not finite");
                }
                Validation.Invalid outOfRange = checkRange(field, value);
                return outOfRange != null ? outOfRange : value;
            }
            case BOOLEAN -> {
                return node.isBoolean() ? node.booleanValue() : wrongType(field, node);
            }
            case LONG_LIST -> {
                if (!node.isArray()) {
                    return wrongType(field, node);
                }
                long[] list = new long[node.size()];
                for (int i = 0; i < list.length; i++) {
                    JsonNode item = node.get(i);
                    if (!item.isIntegralNumber() || !item.canConvertToLong()) {
                        return invalid(InvalidReason.WRONG_TYPE, field.name() + "[" + i + "] must be an integer");
                    }
                    list[i] = item.longValue();
                }
                return list;
            }
            case DOUBLE_MAP -> {
                if (!node.isObject()) {
                    return wrongType(field, node);
                }
                Map<String, Double> map = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    if (!SAFE.matcher(entry.getKey()).matches()) {
                        return invalid(InvalidReason.UNSAFE_VALUE, field.name() + " key '" + printable(entry.getKey())
                                + "' is not a safe identifier");
                    }
                    if (!entry.getValue().isNumber()) {
                        return invalid(InvalidReason.WRONG_TYPE, field.name() + "." + entry.getKey() + " must be a number");
                    }
                    map.put(entry.getKey(), entry.getValue().doubleValue());
                }
                return map;
            }
            default -> throw new IllegalStateException("unhandled type " + field.type());
        }
    }

    private Object checkString(Field field, String value) {
        if (value.indexOf('\0') >= 0) {
            return invalid(InvalidReason.UNSAFE_VALUE, field.name() + " contains a NUL character");
        }
        if (value.length() > Field.MAX_STRING_LENGTH) {
            return invalid(InvalidReason.INVALID_VALUE, field.name() + " is longer than " + Field.MAX_STRING_LENGTH);
        }
        if (!field.allowed().isEmpty() && !field.allowed().contains(value)) {
            return invalid(field.name().endsWith("Type") ? InvalidReason.UNKNOWN_EVENT_TYPE : InvalidReason.INVALID_VALUE,
                    field.name() + " '" + printable(value) + "' is not one of " + field.allowed());
        }
        if (field.identifier() && !SAFE.matcher(value).matches()) {
            return invalid(InvalidReason.UNSAFE_VALUE, field.name() + " '" + printable(value)
                    + "' is not a safe identifier (letters, digits, . _ -; no path separators)");
        }
        return value;
    }

    private static Validation.Invalid checkRange(Field field, double value) {
        if ((field.min() != null && value < field.min()) || (field.max() != null && value > field.max())) {
            return invalid(InvalidReason.INVALID_VALUE, field.name() + " " + value + " is outside ["
                    + field.min() + ", " + field.max() + "]");
        }
        return null;
    }

    private String extras(TopicSchema schema, ObjectNode json) {
        ObjectNode extras = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!schema.hasField(entry.getKey())) {
                if (extras == null) {
                    extras = mapper.createObjectNode();
                }
                extras.set(entry.getKey(), entry.getValue());
            }
        }
        return extras == null ? null : extras.toString();
    }

    private static Validation.Invalid wrongType(Field field, JsonNode node) {
        return invalid(InvalidReason.WRONG_TYPE, field.name() + " must be " + field.type().jsonType()
                + ", got " + node.getNodeType().name().toLowerCase());
    }

    private static Validation.Invalid invalid(InvalidReason reason, String detail) {
        return new Validation.Invalid(reason, detail);
    }

    /** Whether the bytes are well-formed UTF-8 (an ASCII scan first: nearly every event is ASCII). */
    public static boolean isUtf8(byte[] payload) {
        boolean ascii = true;
        for (byte b : payload) {
            if (b < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return true;
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unparseable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static String printable(String value) {
        String shown = value.length() > 80 ? value.substring(0, 80) + "..." : value;
        return shown.replace("\0", "\\0");
    }
}
