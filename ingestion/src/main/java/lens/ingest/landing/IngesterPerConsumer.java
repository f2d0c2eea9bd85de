package lens.ingest.landing;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.event.ListenerContainerIdleEvent;
import org.springframework.kafka.event.ListenerContainerPartitionIdleEvent;
import org.springframework.kafka.listener.BatchConsumerAwareMessageListener;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;

/**
 * The listener of a container with several consumer threads: each consumer gets its own {@link Ingester}, with its
 * own instance id, so a thread's partitions, open files and failures are its own, exactly as if each consumer were
 * a separate process (which the exactly-once protocol already allows). Every callback names its consumer, which
 * picks the ingester.
 */
public final class IngesterPerConsumer implements BatchConsumerAwareMessageListener<byte[], byte[]>,
        ConsumerAwareRebalanceListener {

    private final String instanceId;
    private final int consumers;
    private final Function<String, Ingester> ingesters;
    private final Map<Consumer<?, ?>, Ingester> byConsumer = new ConcurrentHashMap<>();
    private final AtomicInteger created = new AtomicInteger();

    /**
     * @param instanceId the process's instance id: kept as is with one consumer, suffixed {@code -c<n>} with more
     * @param ingesters  makes the ingester of one consumer, given its instance id
     */
    public IngesterPerConsumer(String instanceId, int consumers, Function<String, Ingester> ingesters) {
        this.instanceId = instanceId;
        this.consumers = consumers;
        this.ingesters = ingesters;
    }

    private Ingester of(Consumer<?, ?> consumer) {
        return byConsumer.computeIfAbsent(consumer, c -> ingesters.apply(consumers == 1 ? instanceId
                : instanceId + "-c" + created.getAndIncrement()));
    }

    /** Files open for writing, over all consumers. */
    public int openFiles() {
        return byConsumer.values().stream().mapToInt(Ingester::openFiles).sum();
    }

    @Override
    public void onMessage(List<ConsumerRecord<byte[], byte[]>> records, Consumer<?, ?> consumer) {
        of(consumer).onMessage(records, consumer);
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        of(consumer).onPartitionsAssigned(consumer, partitions);
    }

    @Override
    public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        of(consumer).onPartitionsRevokedBeforeCommit(consumer, partitions);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        of(consumer).onPartitionsLost(consumer, partitions);
    }

    @EventListener
    public void onPartitionIdle(ListenerContainerPartitionIdleEvent event) {
        of(event.getConsumer()).onPartitionIdle(event);
    }

    @EventListener
    public void onContainerIdle(ListenerContainerIdleEvent event) {
        of(event.getConsumer()).onContainerIdle(event);
    }
}
