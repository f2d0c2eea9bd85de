package lens.ingest.offsets;

import java.util.Map;
import java.util.Set;
import lens.events.EventHour;

/**
 * Decides, while re-reading a partition after recovery, which records are already in the lake.
 * Each (partition, hour) publishes its files in offset order, one open file at a time, so a record of
 * hour h at offset o is landed iff o is at most the highest last offset of that partition's files in h.
 * Quarantined records are known offset by offset: the verdict on a record can change when it is re-read (a
 * timestamp too far ahead of the clock then is not any more), and one quarantined must not also land.
 */
public final class ReplayFilter {

    private final Map<EventHour, Long> lastLandedByHour;
    private final Set<Long> quarantined;

    public ReplayFilter(Map<EventHour, Long> lastLandedByHour, Set<Long> quarantined) {
        this.lastLandedByHour = Map.copyOf(lastLandedByHour);
        this.quarantined = Set.copyOf(quarantined);
    }

    public static ReplayFilter nothingLanded() {
        return new ReplayFilter(Map.of(), Set.of());
    }

    public boolean alreadyLanded(EventHour hour, long offset) {
        Long last = lastLandedByHour.get(hour);
        return last != null && offset <= last;
    }

    public boolean alreadyQuarantined(long offset) {
        return quarantined.contains(offset);
    }
}
