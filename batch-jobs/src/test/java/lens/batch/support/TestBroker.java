package lens.batch.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lens.broker.KafkaBroker;
import lens.events.EventJson;
import lens.events.ModelMetric;
import lens.events.Topic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** One real KRaft broker for the whole test JVM (it stops with the JVM), and a reader of model-metrics. */
public final class TestBroker {

    private static KafkaBroker broker;

    private TestBroker() {
    }

    public static synchronized String bootstrapServers() {
        if (broker == null) {
            try {
                broker = KafkaBroker.start(Files.createTempDirectory("lens-batch-broker"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            broker.createTopics(List.of(Topic.MODEL_METRICS.topicName()), 3);
        }
        return broker.bootstrapServers();
    }

    /** A keyed message as read back from the topic. */
    public record Published(String key, ModelMetric metric, int partition, long offset) {
    }

    /** Every model-metrics message whose source is one of {@code jobs}, in offset order per partition. */
    public static List<Published> modelMetrics(String... jobs) {
        List<String> wanted = List.of(jobs);
        List<Published> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topic.MODEL_METRICS.topicName()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 30_000;
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
                    && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    try {
                        ModelMetric metric = EventJson.mapper().readValue(record.value(), ModelMetric.class);
                        if (wanted.contains(metric.source())) {
                            found.add(new Published(record.key(), metric, record.partition(), record.offset()));
                        }
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            }
        }
        return found;
    }

    public static Path dataDir() {
        return broker.dataDir();
    }
}
