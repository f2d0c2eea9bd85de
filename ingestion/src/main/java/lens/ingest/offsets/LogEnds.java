package lens.ingest.offsets;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asking the broker where partitions' logs end, for idle checks: an answer that does not come in time is no
 * answer (the partitions count as not caught up, and the next idle check asks again), never a failure. A slow
 * answer must not keep the consumer thread from polling for long (its group would wait for it in a rebalance), nor
 * drop the open files and re-read from the lake as a failure does.
 */
public final class LogEnds {

    private static final Logger log = LoggerFactory.getLogger(LogEnds.class);

    private LogEnds() {
    }

    /** The log end of each partition, or an empty map when the broker did not answer within {@code timeout}. */
    public static Map<TopicPartition, Long> askOrNone(Consumer<?, ?> consumer, Collection<TopicPartition> partitions,
                                                      Duration timeout) {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        try {
            return consumer.endOffsets(partitions, timeout);
        } catch (TimeoutException slow) {
            log.debug("log ends of {} not known within {}; asking at the next idle check", partitions, timeout);
            return Map.of();
        }
    }
}
