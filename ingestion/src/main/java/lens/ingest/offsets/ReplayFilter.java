package lens.ingest.offsets;

import java.util.Map;
import lens.events.EventHour;

/**
 * Decides, while re-reading a partition after recovery, which records are already in the lake.
 * Each (partition, hour) publishes its files in offset order, one open file at a time, so a record of
 * hour h at offset o is landed iff o is at most the highest last offset of that partition's files in h.
 * Bad records are quarantined in offset order per partition, so the same holds with one bound.
 */
public final class ReplayFilter {

    private final Map<EventHour, Long> lastLandedByHour;
    private final long lastQuarantined;

    public ReplayFilter(Map<EventHour, Long> lastLandedByHour, long lastQuarantined) {
        this.lastLandedByHour = Map.copyOf(lastLandedByHour);
        this.lastQuarantined = lastQuarantined;
    }

    public static ReplayFilter nothingLanded() {
        return new ReplayFilter(Map.of(), -1);
    }

    public boolean alreadyLanded(EventHour hour, long offset) {
        Long last = lastLandedByHour.get(hour);
        return last != null && offset <= last;
    }

    public boolean alreadyQuarantined(long offset) {
        return offset <= lastQuarantined;
    }
}
