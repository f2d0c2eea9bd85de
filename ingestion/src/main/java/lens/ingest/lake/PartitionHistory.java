package lens.ingest.lake;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import lens.events.EventHour;
import lens.ingest.offsets.ReplayFilter;
import org.apache.hadoop.fs.Path;

/**
 * What the lake says about one topic-partition: where to resume, what is already landed per hour
 * (from that offset on), what is quarantined, and temp files a crash left behind.
 *
 * @param resumeOffset     highest {@code lens.resume.offset} over its files, or -1 when none
 * @param lastLandedByHour highest last offset of its files per event hour
 * @param quarantined      offsets in its quarantine files from where a replay starts (the seek position) on
 */
public record PartitionHistory(long resumeOffset, Map<EventHour, Long> lastLandedByHour, Set<Long> quarantined,
                               List<Path> tempFiles) {

    public PartitionHistory {
        quarantined = Set.copyOf(quarantined);
    }

    public static PartitionHistory empty() {
        return new PartitionHistory(-1, Map.of(), Set.of(), List.of());
    }

    /**
     * The filter for a replay starting at {@code position}: hours whose files all end before it do not matter. Its
     * quarantined offsets are those the scan read, from its own seek position on: a lower {@code position} does not
     * bring back earlier ones.
     */
    public ReplayFilter replayFilterFrom(long position) {
        Map<EventHour, Long> relevant = new java.util.HashMap<>();
        lastLandedByHour.forEach((hour, last) -> {
            if (last >= position) {
                relevant.put(hour, last);
            }
        });
        return new ReplayFilter(relevant, quarantined.stream().filter(o -> o >= position).collect(Collectors.toSet()));
    }
}
