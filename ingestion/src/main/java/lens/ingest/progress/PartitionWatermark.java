package lens.ingest.progress;

import java.time.Duration;
import lens.events.EventHour;

/**
 * Event-time progress of one topic-partition: the highest event time seen, advanced to wall-clock time
 * while the partition is caught up and idle (like Flink's idleness), so quiet partitions do not hold
 * back the hours of busy ones. Never moves backwards.
 */
public final class PartitionWatermark {

    /** No event seen and never idle: the partition has passed no hour. */
    public static final long NONE = Long.MIN_VALUE;

    private long millis;

    public PartitionWatermark(long initialMillis) {
        this.millis = initialMillis;
    }

    public static PartitionWatermark none() {
        return new PartitionWatermark(NONE);
    }

    public void observe(long eventTimeMillis) {
        millis = Math.max(millis, eventTimeMillis);
    }

    /** A caught-up, idle partition will only see events from now on (late ones aside). */
    public void advanceWhileIdle(long wallClockMillis) {
        millis = Math.max(millis, wallClockMillis);
    }

    public long millis() {
        return millis;
    }

    public boolean hasPassed(EventHour hour, Duration grace) {
        return passed(millis, hour, grace);
    }

    /** An hour is passed once the watermark reaches its end plus the grace period. */
    public static boolean passed(long watermarkMillis, EventHour hour, Duration grace) {
        return watermarkMillis != NONE && watermarkMillis >= hour.endMillis() + grace.toMillis();
    }

    /**
     * Whether a file of {@code hour} that is still being written must hold back this partition's next progress report.
     * A report that says the hour has passed lets any instance manifest it, and a manifest lists the files that are
     * there, so a file with records that came before the hour passed must be in place first. A file opened after the
     * watermark had passed its hour ({@code openedAfterHourPassed}) holds late records only, which amend the hour's
     * manifest when they land; waiting for it would let late events in every batch hold the partition's progress
     * (and every later manifest of the topic) back for as long as they keep coming.
     */
    public boolean holdsBackReport(EventHour hour, boolean openedAfterHourPassed, Duration grace) {
        return hasPassed(hour, grace) && !openedAfterHourPassed;
    }

    /**
     * The latest hour this watermark has passed, or null: changes at most once an hour, so it is the
     * moment to tell other instances about progress.
     */
    public EventHour lastPassedHour(Duration grace) {
        if (millis == NONE) {
            return null;
        }
        // hour h is passed iff millis >= h.start + 1h + grace, i.e. h.start <= millis - grace - 1h
        return EventHour.of(millis - grace.toMillis() - Duration.ofHours(1).toMillis());
    }
}
