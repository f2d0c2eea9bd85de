package lens.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes simulated messages in order, durably (acks=all, idempotent), and waits for every ack. */
public final class KafkaTrafficPublisher {

    private KafkaTrafficPublisher() {
    }

    public static long publish(String bootstrapServers, List<SimulatedMessage> messages) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 10,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1024 * 1024);
        List<Future<RecordMetadata>> acks = new ArrayList<>(messages.size());
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            for (SimulatedMessage message : messages) {
                // Kafka rejects record timestamps far in the future on default brokers: bad ones get "now"
                long timestamp = message.valid() ? message.timestamp() : System.currentTimeMillis();
                acks.add(producer.send(new ProducerRecord<>(message.topic().topicName(), null, timestamp,
                        message.key(), message.value())));
            }
            producer.flush();
            for (Future<RecordMetadata> ack : acks) {
                ack.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("publishing failed: " + e.getCause().getMessage(), e.getCause());
        }
        return acks.size();
    }
}
