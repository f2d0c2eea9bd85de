package lens.ingest.validation;

/**
 * {@link lens.events.Field#SAFE_IDENTIFIER} ({@code ^[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}$}) without a regex, over the
 * UTF-8 bytes of a string as they stand in the payload: the fast path checks it for several fields of every event.
 * The pattern is ASCII only, so any byte of a multi-byte character fails it, as the character would. A test keeps
 * it equal to the pattern.
 */
final class SafeIdentifier {

    private static final int MAX_LENGTH = 64;

    private SafeIdentifier() {
    }

    /** Whether {@code utf8[from, to)} is a safe identifier. */
    static boolean matches(byte[] utf8, int from, int to) {
        int length = to - from;
        if (length == 0 || length > MAX_LENGTH || utf8[from] == '.') {
            return false;
        }
        for (int i = from; i < to; i++) {
            byte b = utf8[i];
            boolean allowed = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
                    || b == '_' || b == '-' || b == '.';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }
}
