package lens.ingest.validation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import lens.events.Field;

/**
 * An enumerated field's allowed values, matched against a string's bytes in the payload. A match gives the
 * contract's own String instance: one String per value however many rows hold it, and none made per event.
 */
final class AllowedValues {

    private final byte[][] utf8;
    private final String[] values;

    private AllowedValues(List<String> values) {
        this.values = values.toArray(String[]::new);
        this.utf8 = new byte[this.values.length][];
        for (int i = 0; i < utf8.length; i++) {
            utf8[i] = this.values[i].getBytes(StandardCharsets.UTF_8);
        }
    }

    /**
     * The field's allowed values, or null when its values are free. Only those the canonical validator would accept
     * as a whole (no NUL, not too long, a safe identifier where the field must be one), so a match needs no other
     * check.
     */
    static AllowedValues of(Field field) {
        if (field.allowed().isEmpty()) {
            return null;
        }
        List<String> acceptable = new ArrayList<>();
        for (String value : field.allowed()) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            boolean safe = !field.identifier() || SafeIdentifier.matches(bytes, 0, bytes.length);
            if (value.indexOf('\0') < 0 && value.length() <= Field.MAX_STRING_LENGTH && safe) {
                acceptable.add(value);
            }
        }
        return new AllowedValues(acceptable);
    }

    /** The allowed value the scanner's token spells, or null. */
    String match(JsonEventScanner json) {
        for (int i = 0; i < utf8.length; i++) {
            if (json.tokenEquals(utf8[i])) {
                return values[i];
            }
        }
        return null;
    }
}
