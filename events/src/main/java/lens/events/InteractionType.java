package lens.events;

import java.util.Arrays;

public enum InteractionType {
    VIEW, CLICK, RATE, BOOKMARK, SEARCH;

    static String[] names() {
        return Arrays.stream(values()).map(Enum::name).toArray(String[]::new);
    }
}
