package lens.ingest.rotation;

/**
 * When an open hour file is full. Both limits keep files big enough for readers and small enough for
 * memory: an open file buffers at most one row group.
 */
public record RotationPolicy(long maxRows, long maxBytes) {

    public RotationPolicy {
        if (maxRows < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("file limits must be positive: rows=" + maxRows + ", bytes=" + maxBytes);
        }
    }

    public boolean isFull(long rows, long bytes) {
        return rows >= maxRows || bytes >= maxBytes;
    }

    /** With {@code openWriters} already open, must one be closed before opening another? */
    public static boolean mustEvictBeforeOpening(int openWriters, int maxOpenWriters) {
        return openWriters >= maxOpenWriters;
    }
}
