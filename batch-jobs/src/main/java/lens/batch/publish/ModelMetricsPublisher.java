package lens.batch.publish;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import lens.batch.config.PipelineProperties;
import lens.events.EventHour;
import lens.events.EventJson;
import lens.events.EventValidator;
import lens.events.ModelMetric;
import lens.events.Topic;
import lens.events.Validation;
import lens.trainer.job.JobResult;
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
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes job summaries to {@code model-metrics}, exactly once per (job, window, version):
 * <ol>
 * <li>a version already SENT is not sent again (a restart of the publish step);</li>
 * <li>a result equal to the latest sent version of the window is recorded UNCHANGED and not sent (a re-run
 *     that found nothing new), so a higher version appears only when the result changed;</li>
 * <li>before sending, the ledger records PENDING with the partition and its end offset; a restart that finds
 *     PENDING (the JVM died between send and acknowledgement) reads that partition from there and sends only if
 *     the message is not in it.</li>
 * </ol>
 * The message is keyed {@code job|window} ({@link ModelMetric#key()}) so a compacted consumer keeps the highest
 * version, and checked against the topic's contract before it goes out.
 */
public class ModelMetricsPublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ModelMetricsPublisher.class);
    private static final String TOPIC = Topic.MODEL_METRICS.topicName();

    private final PipelineProperties pipeline;
    private final PublicationLedger ledger;
    private final EventValidator validator = EventValidator.withDefaults();
    private volatile KafkaProducer<String, byte[]> producer;

    public ModelMetricsPublisher(PipelineProperties pipeline, PublicationLedger ledger) {
        this.pipeline = pipeline;
        this.ledger = ledger;
    }

    public PublishOutcome publish(String job, EventHour window, int version, JobResult result, long resultAt) {
        String windowId = window.id();
        ModelMetric message = MetricMessages.message(job, window, version, result, resultAt);
        String hash = MetricMessages.fingerprint(result);
        Optional<PublicationLedger.Entry> existing = ledger.find(job, windowId, version);
        if (existing.isPresent()) {
            PublicationLedger.Entry entry = existing.get();
            switch (entry.state()) {
                case SENT:
                    return new PublishOutcome(PublishOutcome.State.ALREADY_SENT, version, null, entry.partition(),
                            entry.offset());
                case UNCHANGED:
                    return new PublishOutcome(PublishOutcome.State.UNCHANGED, version, entry.sameAsVersion(), null,
                            null);
                case PENDING:
                    Optional<Long> found = findInPartition(entry.partition(), entry.offsetBefore(), entry.eventId());
                    if (found.isPresent()) {
                        ledger.sent(job, windowId, version, found.get());
                        log.info("{} {} v{} was sent before the crash (offset {}); not sending again", job, window,
                                version, found.get());
                        return new PublishOutcome(PublishOutcome.State.ALREADY_SENT, version, null, entry.partition(),
                                found.get());
                    }
                    break;
                default:
                    throw new IllegalStateException("unknown ledger state " + entry.state());
            }
        } else {
            Optional<PublicationLedger.Entry> latest = ledger.latestSent(job, windowId);
            if (latest.isPresent() && latest.get().resultHash().equals(hash) && latest.get().version() < version) {
                ledger.unchanged(job, windowId, version, hash, message.eventId(), latest.get().version());
                return new PublishOutcome(PublishOutcome.State.UNCHANGED, version, latest.get().version(), null, null);
            }
        }
        return send(job, windowId, version, hash, message);
    }

    private PublishOutcome send(String job, String windowId, int version, String hash, ModelMetric message) {
        byte[] value = EventJson.encode(message);
        if (validator.validate(Topic.MODEL_METRICS, value) instanceof Validation.Invalid invalid) {
            throw new IllegalStateException("the model-metrics message of " + job + " " + windowId + " v" + version
                    + " breaks the topic's contract: " + invalid);
        }
        KafkaProducer<String, byte[]> kafka = producer();
        String key = message.key();
        int partitions = kafka.partitionsFor(TOPIC).size();
        // The default partitioner's rule, made explicit: the PENDING record must name the partition it goes to.
        int partition = Utils.toPositive(Utils.murmur2(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                % partitions;
        long endOffset = endOffset(partition);
        ledger.pending(job, windowId, version, hash, message.eventId(), partition, endOffset);
        try {
            RecordMetadata metadata = kafka.send(new ProducerRecord<>(TOPIC, partition, key, value))
                    .get(60, TimeUnit.SECONDS);
            ledger.sent(job, windowId, version, metadata.offset());
            log.info("published {} {} v{} to {}-{}@{}", job, windowId, version, TOPIC, partition, metadata.offset());
            return new PublishOutcome(PublishOutcome.State.SENT, version, null, partition, metadata.offset());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing " + job + " " + windowId, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not publish " + job + " " + windowId + " v" + version + " to "
                    + TOPIC + " at " + pipeline.bootstrapServers(), e);
        }
    }

    private long endOffset(int partition) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            TopicPartition tp = new TopicPartition(TOPIC, partition);
            return consumer.endOffsets(List.of(tp), Duration.ofSeconds(30)).get(tp);
        }
    }

    /** Reads the partition from {@code from} to its end, looking for the message with {@code eventId}. */
    private Optional<Long> findInPartition(int partition, long from, String eventId) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            TopicPartition tp = new TopicPartition(TOPIC, partition);
            consumer.assign(List.of(tp));
            long end = consumer.endOffsets(List.of(tp), Duration.ofSeconds(30)).get(tp);
            consumer.seek(tp, from);
            while (consumer.position(tp) < end) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofSeconds(2))) {
                    if (eventId.equals(eventIdOf(record.value()))) {
                        return Optional.of(record.offset());
                    }
                }
            }
            return Optional.empty();
        }
    }

    private static String eventIdOf(byte[] value) {
        try {
            return EventJson.mapper().readTree(value).path("eventId").asText(null);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    private KafkaProducer<String, byte[]> producer() {
        KafkaProducer<String, byte[]> current = producer;
        if (current == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = new KafkaProducer<>(Map.of(
                            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.bootstrapServers(),
                            ProducerConfig.ACKS_CONFIG, "all",
                            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                            ProducerConfig.CLIENT_ID_CONFIG, "lens-batch-publisher"),
                            new StringSerializer(), new ByteArraySerializer());
                }
                current = producer;
            }
        }
        return current;
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
            producer = null;
        }
    }
}
