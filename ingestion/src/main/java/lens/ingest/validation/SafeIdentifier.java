package lens.ingest.validation;

/**
 * {@link lens.events.Field#SAFE_IDENTIFIER} ({@code ^[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}$}) without a regex: the
 * fast path checks it for several fields of every event. A test keeps it equal to the pattern.
 */
final class SafeIdentifier {

    private static final int MAX_LENGTH = 64;

    private SafeIdentifier() {
    }

    static boolean matches(String value) {
        int length = value.length();
        if (length == 0 || length > MAX_LENGTH || value.charAt(0) == '.') {
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
}
