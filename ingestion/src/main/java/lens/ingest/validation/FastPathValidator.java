package lens.ingest.validation;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import lens.events.EventValidator;
import lens.events.Field;
import lens.events.Topic;
import lens.events.Validation;

/**
 * {@link EventValidator}'s verdicts, faster for the common case. A clean event (known fields only, each once, every
 * rule met) is read straight into its column values in one pass over its bytes ({@link JsonEventScanner}): no tree,
 * no regex, no String per key. Anything the fast path is not sure of (a bad event, unknown extra fields, a duplicate
 * key, a string escape, a number beyond long, ...) is handed to the {@link EventValidator}, which stays the only
 * judge of what is wrong and why. So the fast path may only ever accept what the canonical validator accepts, with
 * equal values (tested side by side). Thread-safe.
 */
public final class FastPathValidator {

    private static final long EARLIEST_MILLIS = EventValidator.EARLIEST.toEpochMilli();

    private final EventValidator canonical;
    private final Clock clock;
    private final long maxFutureSkewMillis;
    private final int maxPayloadBytes;
    private final Map<Topic, TopicRules> rules = new EnumMap<>(Topic.class);

    public FastPathValidator(Clock clock, Duration maxFutureSkew, int maxPayloadBytes) {
        this.canonical = new EventValidator(clock, maxFutureSkew, maxPayloadBytes);
        this.clock = clock;
        this.maxFutureSkewMillis = floorMillis(maxFutureSkew);
        this.maxPayloadBytes = maxPayloadBytes;
        for (Topic topic : Topic.values()) {
            rules.put(topic, new TopicRules(topic));
        }
    }

    public Validation validate(Topic topic, byte[] payload) {
        return validate(topic, payload, now());
    }

    /**
     * As {@link #validate(Topic, byte[])}, with the fast path's "too far in the future" bound taken from
     * {@code nowMillis}, which must be a reading of {@link #now()} taken before this call (once for a whole batch:
     * the clock costs ~27 ns a read here, a seventh of the fast path). An earlier reading only makes the fast path
     * stricter (an event it then doubts goes to the canonical validator, which reads the clock itself), so no verdict
     * changes; a later or made-up value would let the fast path accept what the canonical validator rejects. (A wall
     * clock stepped back during a batch does that too, by the size of the step, as it would between two events.)
     */
    public Validation validate(Topic topic, byte[] payload, long nowMillis) {
        Validation.Valid valid = tryFastPath(topic, payload, nowMillis);
        return valid != null ? valid : canonical.validate(topic, payload);
    }

    /** This validator's clock, in epoch milliseconds. */
    public long now() {
        return clock.millis();
    }

    Validation.Valid tryFastPath(Topic topic, byte[] payload) {
        return tryFastPath(topic, payload, now());
    }

    /** The valid event, or null when the canonical validator must decide. */
    Validation.Valid tryFastPath(Topic topic, byte[] payload, long nowMillis) {
        if (payload == null || payload.length == 0 || payload.length > maxPayloadBytes) {
            return null;
        }
        TopicRules topicRules = rules.get(topic);
        Object[] values;
        try {
            values = read(topicRules, payload);
        } catch (AskCanonical notSure) {
            return null;
        }
        for (TopicRules.RequiredWhen condition : topicRules.conditions) {
            if (condition.whenValue().equals(values[condition.whenField()]) && values[condition.field()] == null) {
                return null;
            }
        }
        long timestamp = (Long) values[topicRules.timestampIndex];
        if (timestamp < EARLIEST_MILLIS || timestamp > nowMillis + maxFutureSkewMillis) {
            return null;
        }
        String eventId = (String) values[topicRules.eventIdIndex];
        if (eventId.isBlank()) {
            return null;
        }
        return new Validation.Valid(topic, eventId, timestamp, values, null);
    }

    /**
     * The event's values by field, null where absent or null; every required field has one. The scanner lives and
     * dies here, so the JIT may keep its state in registers instead of allocating it.
     */
    private static Object[] read(TopicRules rules, byte[] payload) {
        JsonEventScanner json = new JsonEventScanner(payload);
        Object[] values = new Object[rules.fields.length];
        long seen = 0;
        long present = 0;
        int index = -1;
        json.startObject();
        for (boolean first = true; json.hasMember(first); first = false) {
            index = json.fieldKey(rules.names, index + 1); // producers write fields in the contract's order
            if (index < 0 || (seen & (1L << index)) != 0) {
                throw AskCanonical.INSTANCE; // unknown extra field (kept as extras) or a key given twice
            }
            seen |= 1L << index;
            if (!json.nullValue()) {
                values[index] = value(rules, index, json);
                present |= 1L << index;
            }
        }
        json.end(); // no trailing content
        if ((present & rules.requiredFields) != rules.requiredFields) {
            throw AskCanonical.INSTANCE; // a required field missing or null
        }
        return values;
    }

    private static Object value(TopicRules rules, int index, JsonEventScanner json) {
        Field field = rules.fields[index];
        return switch (field.type()) {
            case STRING -> string(field, rules.allowed[index], json);
            case LONG -> {
                long value = json.integer();
                requireInRange(field, value);
                yield value;
            }
            case INT -> {
                long value = json.integer();
                if ((int) value != value) {
                    throw AskCanonical.INSTANCE;
                }
                requireInRange(field, value);
                yield (int) value;
            }
            case DOUBLE -> {
                double value = json.decimal();
                if (!Double.isFinite(value)) {
                    throw AskCanonical.INSTANCE;
                }
                requireInRange(field, value);
                yield value;
            }
            case BOOLEAN -> json.bool();
            case LONG_LIST -> longList(json);
            case DOUBLE_MAP -> doubleMap(json);
        };
    }

    private static String string(Field field, AllowedValues allowed, JsonEventScanner json) {
        json.string(); // holds no NUL: the scanner defers control characters and escapes
        if (json.tokenLength() > Field.MAX_STRING_LENGTH) {
            throw AskCanonical.INSTANCE;
        }
        if (allowed != null) {
            String value = allowed.match(json);
            if (value == null) {
                throw AskCanonical.INSTANCE;
            }
            return value;
        }
        if (field.identifier() && !json.tokenIsSafeIdentifier()) {
            throw AskCanonical.INSTANCE;
        }
        return json.tokenText();
    }

    private static long[] longList(JsonEventScanner json) {
        json.startArray();
        long[] items = new long[8];
        int size = 0;
        for (boolean first = true; json.hasItem(first); first = false) {
            if (size == items.length) {
                items = Arrays.copyOf(items, size * 2);
            }
            items[size++] = json.integer();
        }
        return Arrays.copyOf(items, size);
    }

    private static Map<String, Double> doubleMap(JsonEventScanner json) {
        json.startObject();
        Map<String, Double> map = new LinkedHashMap<>();
        for (boolean first = true; json.hasMember(first); first = false) {
            json.key();
            if (!json.tokenIsSafeIdentifier()) {
                throw AskCanonical.INSTANCE;
            }
            String key = json.tokenText();
            double value = json.decimal();
            if (!Double.isFinite(value) || map.put(key, value) != null) {
                throw AskCanonical.INSTANCE; // not finite, or a key given twice
            }
        }
        return map;
    }

    /** The same comparison as the canonical validator's range check (a long compares as a double). */
    private static void requireInRange(Field field, double value) {
        if ((field.min() != null && value < field.min()) || (field.max() != null && value > field.max())) {
            throw AskCanonical.INSTANCE;
        }
    }

    /**
     * The skew in whole milliseconds, rounded down: with a sub-millisecond part the fast path's {@code millis + skew}
     * may only come out stricter than the canonical validator's Instant arithmetic, never looser.
     */
    private static long floorMillis(Duration skew) {
        long millis = skew.toMillis();
        return Duration.ofMillis(millis).compareTo(skew) > 0 ? millis - 1 : millis;
    }
}
