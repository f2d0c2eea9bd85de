package lens.ingest.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import lens.events.LensEvent;
import lens.events.Topic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** A plain producer and DLT reader for tests. */
public final class TestKafka implements AutoCloseable {

    private final String bootstrap;
    private final KafkaProducer<byte[], byte[]> producer;
    private final List<Future<RecordMetadata>> sent = new ArrayList<>();

    public TestKafka(String bootstrap) {
        this.bootstrap = bootstrap;
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5,
                // shared, overloaded test machines: a slow broker must not fail a send
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 180_000, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 60_000),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    public void send(LensEvent event) {
        send(event.topic(), event.key(), TestEvents.json(event));
    }

    public void send(Topic topic, String key, byte[] value) {
        sent.add(producer.send(new ProducerRecord<>(topic.topicName(), key == null ? null : TestEvents.utf8(key), value)));
    }

    public void send(Topic topic, int partition, byte[] value) {
        sent.add(producer.send(new ProducerRecord<>(topic.topicName(), partition, null, value)));
    }

    public void flush() {
        producer.flush();
        for (Future<RecordMetadata> future : sent) {
            try {
                future.get();
            } catch (Exception e) {
                throw new IllegalStateException("send failed", e);
            }
        }
        sent.clear();
    }

    /** Everything currently in a topic (all partitions), read from the beginning. */
    public List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 30_000;
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))
                    && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
