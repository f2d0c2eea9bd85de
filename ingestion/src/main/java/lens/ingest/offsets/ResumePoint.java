package lens.ingest.offsets;

import java.util.Collection;

/**
 * The offset a partition must be re-read from after a crash: the lowest offset not yet durable in any
 * lake file. Records below it are all landed (or quarantined); records at or above it may not be.
 */
public final class ResumePoint {

    private ResumePoint() {
    }

    /**
     * @param openFileFirstOffsets first offsets of the partition's files still open (not yet published)
     * @param firstPendingBadOffset first offset of a bad record not yet quarantined, or -1
     * @param nextOffset           the next offset the consumer has not handled yet
     */
    public static long of(Collection<Long> openFileFirstOffsets, long firstPendingBadOffset, long nextOffset) {
        long resume = nextOffset;
        for (long first : openFileFirstOffsets) {
            resume = Math.min(resume, first);
        }
        if (firstPendingBadOffset >= 0) {
            resume = Math.min(resume, firstPendingBadOffset);
        }
        return resume;
    }

    /** Where to seek on assignment: files are the truth; committed offsets only ever lag behind them. */
    public static long seekPosition(long resumeFromLake, long committedOffset) {
        return Math.max(0, Math.max(resumeFromLake, committedOffset));
    }
}
