package lens.ingest.rotation;

/**
 * When an open hour file must be published. Rows and bytes keep files big enough for readers and small
 * enough for memory (an open file buffers at most one row group); age keeps steady traffic fresh.
 */
public record RotationPolicy(long maxRows, long maxBytes, long maxAgeMillis) {

    public RotationPolicy {
        if (maxRows < 1 || maxBytes < 1 || maxAgeMillis < 1) {
            throw new IllegalArgumentException("file limits must be positive: rows=" + maxRows + ", bytes=" + maxBytes
                    + ", age=" + maxAgeMillis + "ms");
        }
    }

    public boolean isFull(long rows, long bytes) {
        return rows >= maxRows || bytes >= maxBytes;
    }

    /** Old enough to publish however small: bounds the delay from an event's publish to a durable file. */
    public boolean isTooOld(long openedAtMillis, long nowMillis) {
        return nowMillis - openedAtMillis >= maxAgeMillis;
    }

    /** With {@code openWriters} already open, must one be closed before opening another? */
    public static boolean mustEvictBeforeOpening(int openWriters, int maxOpenWriters) {
        return openWriters >= maxOpenWriters;
    }
}
