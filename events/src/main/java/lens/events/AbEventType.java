package lens.events;

import java.util.Arrays;

public enum AbEventType {
    ASSIGNMENT, CONVERSION;

    static String[] names() {
        return Arrays.stream(values()).map(Enum::name).toArray(String[]::new);
    }
}
