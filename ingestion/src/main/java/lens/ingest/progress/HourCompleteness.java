package lens.ingest.progress;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import lens.events.EventHour;

/**
 * When is an hour of a topic complete? When EVERY partition of the topic has passed it. A partition
 * with no known watermark (never owned, never idle) holds every hour back: better late than wrong.
 */
public final class HourCompleteness {

    private HourCompleteness() {
    }

    /** The lowest watermark over all partitions 0..partitionCount-1, or {@link PartitionWatermark#NONE}. */
    public static long topicWatermark(Map<Integer, Long> watermarks, int partitionCount) {
        if (partitionCount <= 0) {
            return PartitionWatermark.NONE;
        }
        long min = Long.MAX_VALUE;
        for (int partition = 0; partition < partitionCount; partition++) {
            Long watermark = watermarks.get(partition);
            if (watermark == null || watermark == PartitionWatermark.NONE) {
                return PartitionWatermark.NONE;
            }
            min = Math.min(min, watermark);
        }
        return min;
    }

    public static List<EventHour> completeHours(Collection<EventHour> candidates, Map<Integer, Long> watermarks,
                                                int partitionCount, Duration grace) {
        long topicWatermark = topicWatermark(watermarks, partitionCount);
        return candidates.stream()
                .filter(hour -> PartitionWatermark.passed(topicWatermark, hour, grace))
                .sorted()
                .toList();
    }
}
