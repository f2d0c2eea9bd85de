package lens.ingest.landing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Sends bad messages to {@code <topic>.DLT} with headers saying why and where from, unchanged unless their key or value
 * is too big for a Kafka request once the headers are added: those are cut ({@link #VALUE_TRUNCATED_FROM},
 * {@link #KEY_TRUNCATED_FROM} give the original size; the quarantine file keeps the message whole), because a send
 * the producer refuses would fail the batch again at every retry. Sends are
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
    public static final String VALUE_TRUNCATED_FROM = "lens.dlt.value-truncated-from";
    public static final String KEY_TRUNCATED_FROM = "lens.dlt.key-truncated-from";
    /** Keys are ids; one this long is itself bad input. */
    static final int MAX_KEY_BYTES = 1024;
    static final int MAX_DETAIL_CHARS = 1000;

    private final KafkaTemplate<byte[], byte[]> template;
    private final int maxValueBytes;
    private final List<CompletableFuture<?>> inFlight = new ArrayList<>();

    public DeadLetterPublisher(KafkaTemplate<byte[], byte[]> template, int maxValueBytes) {
        this.template = template;
        this.maxValueBytes = maxValueBytes;
    }

    public void send(BadRecord bad) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(REASON, utf8(bad.reason().name()));
        headers.add(DETAIL, utf8(shortened(bad.detail())));
        headers.add(SOURCE_TOPIC, utf8(bad.topic().topicName()));
        headers.add(SOURCE_PARTITION, utf8(Integer.toString(bad.partition())));
        headers.add(SOURCE_OFFSET, utf8(Long.toString(bad.offset())));
        headers.add(SOURCE_TIMESTAMP, utf8(Long.toString(bad.kafkaTimestamp())));
        byte[] key = cut(bad.key(), MAX_KEY_BYTES, KEY_TRUNCATED_FROM, headers);
        byte[] value = cut(bad.value(), maxValueBytes, VALUE_TRUNCATED_FROM, headers);
        inFlight.add(template.send(new ProducerRecord<>(bad.topic().deadLetterTopic(), null, key, value, headers)));
    }

    /** Details quote the input (a map key, say); the quarantine file keeps the message whole. */
    private static String shortened(String detail) {
        return detail != null && detail.length() > MAX_DETAIL_CHARS ? detail.substring(0, MAX_DETAIL_CHARS) + "..."
                : detail;
    }

    private static byte[] cut(byte[] bytes, int max, String header, RecordHeaders headers) {
        if (bytes == null || bytes.length <= max) {
            return bytes;
        }
        headers.add(header, utf8(Integer.toString(bytes.length)));
        return Arrays.copyOf(bytes, max);
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
