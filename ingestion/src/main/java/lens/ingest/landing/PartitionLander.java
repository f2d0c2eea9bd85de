package lens.ingest.landing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import lens.events.EventHour;
import lens.events.Topic;
import lens.ingest.offsets.ReplayFilter;
import lens.ingest.offsets.ResumePoint;
import lens.ingest.progress.PartitionWatermark;
import org.apache.kafka.common.TopicPartition;

/**
 * The in-memory state of one owned topic-partition: its open hour files, dead letters of the current
 * batch, event-time watermark and replay filter. Only touched on the consumer thread.
 */
final class PartitionLander {

    final TopicPartition topicPartition;
    final Topic topic;
    final String claimToken;
    final Map<EventHour, OpenHourFile> open = new HashMap<>();
    /** Published, closing on the encoder threads, not yet renamed into place: oldest first. */
    final Deque<OpenHourFile> closing = new ArrayDeque<>();
    final List<BadRecord> pendingBad = new ArrayList<>();
    final PartitionWatermark watermark;
    final ReplayFilter replay;
    EventHour reportedPassedHour;
    long nextOffset;
    long lastRecordAtMillis;
    boolean commitNeeded;
    private EventHour lastHour;
    private long lastHourStart;
    private long lastHourEnd;

    PartitionLander(TopicPartition topicPartition, Topic topic, String claimToken, long position, ReplayFilter replay,
                    PartitionWatermark watermark, EventHour reportedPassedHour, long nowMillis) {
        this.topicPartition = topicPartition;
        this.topic = topic;
        this.claimToken = claimToken;
        this.nextOffset = position;
        this.replay = replay;
        this.watermark = watermark;
        this.reportedPassedHour = reportedPassedHour;
        this.lastRecordAtMillis = nowMillis;
    }

    /** The event hour of a timestamp; a partition's consecutive events mostly share one, so it is remembered. */
    EventHour hourOf(long timestamp) {
        if (lastHour == null || timestamp < lastHourStart || timestamp >= lastHourEnd) {
            lastHour = EventHour.of(timestamp);
            lastHourStart = lastHour.startMillis();
            lastHourEnd = lastHour.endMillis();
        }
        return lastHour;
    }

    int partition() {
        return topicPartition.partition();
    }

    long firstPendingBadOffset() {
        return pendingBad.isEmpty() ? -1 : pendingBad.get(0).offset();
    }

    /**
     * The resume offset if {@code publishing} were landed now (it no longer holds the position back); files still
     * closing do, until they are renamed.
     */
    long resumeOffsetWithout(OpenHourFile publishing) {
        List<Long> firsts = Stream.concat(open.values().stream(), closing.stream())
                .filter(file -> file != publishing).map(OpenHourFile::firstOffset).toList();
        return ResumePoint.of(firsts, firstPendingBadOffset(), nextOffset);
    }

    long resumeOffset() {
        return resumeOffsetWithout(null);
    }
}
