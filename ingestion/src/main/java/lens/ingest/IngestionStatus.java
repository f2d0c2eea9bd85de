package lens.ingest;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import lens.events.Topic;

/**
 * What the ingester has done so far, for the CLI and tests: rows landed (durable in published files),
 * messages dead-lettered and late rows per topic, and whether it has caught up.
 */
public class IngestionStatus {

    private record Quiescence(long checkStartedAtMillis, boolean quiescent) {
    }

    private final Clock clock;
    private final Map<Topic, LongAdder> landed = counters();
    private final Map<Topic, LongAdder> deadLettered = counters();
    private final Map<Topic, LongAdder> late = counters();
    /** The latest check of each consumer that has partitions; an unassigned consumer vouches for nothing. */
    private final Map<String, Quiescence> quiescence = new ConcurrentHashMap<>();

    public IngestionStatus(Clock clock) {
        this.clock = clock;
    }

    /**
     * Waits until, for every consumer with partitions (and there is at least one), a check that STARTED after this
     * call found every assigned partition at the end of its log, no file open and every hour that can be manifested
     * manifested. False on timeout.
     */
    public boolean awaitQuiescent(Duration timeout) {
        long askedAt = clock.millis();
        long deadline = askedAt + timeout.toMillis();
        while (clock.millis() < deadline) {
            List<Quiescence> latest = List.copyOf(quiescence.values());
            if (!latest.isEmpty() && latest.stream().allMatch(q -> q.quiescent() && q.checkStartedAtMillis() >= askedAt)) {
                return true;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    public long landed(Topic topic) {
        return landed.get(topic).sum();
    }

    public long deadLettered(Topic topic) {
        return deadLettered.get(topic).sum();
    }

    /** Rows that arrived after their hour was manifested (they raised the manifest's revision). */
    public long late(Topic topic) {
        return late.get(topic).sum();
    }

    public void reportQuiescence(String consumer, long checkStartedAtMillis, boolean quiescent) {
        quiescence.put(consumer, new Quiescence(checkStartedAtMillis, quiescent));
    }

    /** The consumer holds no partition (yet, or any more): the others vouch for the group's partitions. */
    public void reportUnassigned(String consumer) {
        quiescence.remove(consumer);
    }

    public void addLanded(Topic topic, long rows) {
        landed.get(topic).add(rows);
    }

    public void addDeadLettered(Topic topic, long count) {
        deadLettered.get(topic).add(count);
    }

    public void addLate(Topic topic, long rows) {
        late.get(topic).add(rows);
    }

    private static Map<Topic, LongAdder> counters() {
        Map<Topic, LongAdder> map = new EnumMap<>(Topic.class);
        for (Topic topic : Topic.values()) {
            map.put(topic, new LongAdder());
        }
        return map;
    }
}
