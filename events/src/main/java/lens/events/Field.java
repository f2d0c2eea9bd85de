package lens.events;

import java.util.List;
import java.util.Objects;

/**
 * One field of a topic's contract.
 *
 * @param name        JSON property and Parquet column name
 * @param type        value type
 * @param required    whether every event must carry it (rules may require more, e.g. {@code rating} for RATE)
 * @param allowed     allowed values for enumerated strings, empty when free
 * @param min         inclusive lower bound for numbers, or null
 * @param max         inclusive upper bound for numbers, or null
 * @param identifier  a safe identifier ({@link #SAFE_IDENTIFIER}): the value may reach a file path or a metric tag
 * @param description one line for the README and the JSON schema
 */
public record Field(String name, FieldType type, boolean required, List<String> allowed,
                    Double min, Double max, boolean identifier, String description) {

    /** Letters, digits, dot, dash, underscore; no leading dot, so never {@code ..}, {@code /} or NUL. */
    public static final String SAFE_IDENTIFIER = "^[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}$";
    public static final int MAX_STRING_LENGTH = 1024;

    public Field {
        Objects.requireNonNull(name);
        Objects.requireNonNull(type);
        allowed = List.copyOf(allowed);
    }

    static Field required(String name, FieldType type, String description) {
        return new Field(name, type, true, List.of(), null, null, false, description);
    }

    static Field optional(String name, FieldType type, String description) {
        return new Field(name, type, false, List.of(), null, null, false, description);
    }

    Field oneOf(String... values) {
        return new Field(name, type, required, List.of(values), min, max, identifier, description);
    }

    Field between(double lower, double upper) {
        return new Field(name, type, required, allowed, lower, upper, identifier, description);
    }

    Field atLeast(double lower) {
        return new Field(name, type, required, allowed, lower, max, identifier, description);
    }

    Field asIdentifier() {
        return new Field(name, type, required, allowed, min, max, true, description);
    }
}
