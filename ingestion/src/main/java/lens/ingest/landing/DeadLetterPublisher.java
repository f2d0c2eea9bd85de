package lens.ingest.landing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Sends bad messages, unchanged, to {@code <topic>.DLT} with headers saying why and where from. Sends are
 * asynchronous within a batch; {@link #awaitSent()} makes them durable (acks=all) before the batch's
 * quarantine file and offsets are published. Delivery to the DLT is at least once: a crash between the
 * send and the quarantine file re-sends on replay.
 */
public final class DeadLetterPublisher {

    public static final String REASON = "lens.dlt.reason";
    public static final String DETAIL = "lens.dlt.detail";
    public static final String SOURCE_TOPIC = "lens.dlt.source-topic";
    public static final String SOURCE_PARTITION = "lens.dlt.source-partition";
    public static final String SOURCE_OFFSET = "lens.dlt.source-offset";
    public static final String SOURCE_TIMESTAMP = "lens.dlt.source-timestamp";

    private final KafkaTemplate<byte[], byte[]> template;
    private final List<CompletableFuture<?>> inFlight = new ArrayList<>();

    public DeadLetterPublisher(KafkaTemplate<byte[], byte[]> template) {
        this.template = template;
    }

    public void send(BadRecord bad) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(REASON, utf8(bad.reason().name()));
        headers.add(DETAIL, utf8(bad.detail()));
        headers.add(SOURCE_TOPIC, utf8(bad.topic().topicName()));
        headers.add(SOURCE_PARTITION, utf8(Integer.toString(bad.partition())));
        headers.add(SOURCE_OFFSET, utf8(Long.toString(bad.offset())));
        headers.add(SOURCE_TIMESTAMP, utf8(Long.toString(bad.kafkaTimestamp())));
        inFlight.add(template.send(new ProducerRecord<>(bad.topic().deadLetterTopic(), null, bad.key(), bad.value(),
                headers)));
    }

    /** Blocks until every send of this batch is acknowledged; throws if any failed. */
    public void awaitSent() {
        if (inFlight.isEmpty()) {
            return;
        }
        template.flush();
        try {
            for (CompletableFuture<?> future : inFlight) {
                future.get(60, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not dead-letter a message", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering", e);
        } finally {
            inFlight.clear();
        }
    }

    public void discard() {
        inFlight.clear();
    }

    private static byte[] utf8(String value) {
        return (value == null ? "" : value).getBytes(StandardCharsets.UTF_8);
    }
}
