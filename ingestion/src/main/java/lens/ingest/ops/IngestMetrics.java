package lens.ingest.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import lens.events.InvalidReason;
import lens.events.Topic;

/**
 * Micrometer meters of the ingester (all tagged by {@code topic}):
 * {@code lens.ingest.records.consumed}, {@code lens.ingest.records.landed},
 * {@code lens.ingest.records.dead.lettered} (+ {@code reason}),
 * {@code lens.ingest.records.late}, {@code lens.ingest.records.replay.skipped}, {@code lens.ingest.files.written},
 * {@code lens.ingest.bytes.written}, gauges {@code lens.ingest.consumer.lag} and {@code lens.ingest.open.writers}.
 * Rates (records landed per second) are what the registry derives from the counters.
 */
public final class IngestMetrics {

    private final MeterRegistry registry;
    /** Per topic, the lag each consumer last reported over its own partitions: the gauge is their sum. */
    private final Map<Topic, Map<String, Long>> lag = new ConcurrentHashMap<>();
    /** Counted on every batch: looked up once per topic, not built and looked up in the registry each time. */
    private final Map<Topic, Counter> consumed = new ConcurrentHashMap<>();

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void bindOpenWriters(Supplier<Number> openWriters) {
        Gauge.builder("lens.ingest.open.writers", openWriters).description("Parquet files open for writing")
                .register(registry);
    }

    /** Records polled, before validation: ahead of the landed count by what open files still hold. */
    public void consumed(Topic topic, long records) {
        consumed.computeIfAbsent(topic, t -> counter("lens.ingest.records.consumed", t)).increment(records);
    }

    public void landed(Topic topic, long rows, long bytes) {
        counter("lens.ingest.records.landed", topic).increment(rows);
        counter("lens.ingest.files.written", topic).increment();
        counter("lens.ingest.bytes.written", topic).increment(bytes);
    }

    public void deadLettered(Topic topic, InvalidReason reason) {
        Counter.builder("lens.ingest.records.dead.lettered").tag("topic", topic.topicName())
                .tag("reason", reason.name()).register(registry).increment();
    }

    public void late(Topic topic, long rows) {
        counter("lens.ingest.records.late", topic).increment(rows);
    }

    public void replaySkipped(Topic topic) {
        counter("lens.ingest.records.replay.skipped", topic).increment();
    }

    /** {@code consumer}'s lag on {@code topic} over the partitions it holds now (0 when it holds none). */
    public void lag(String consumer, Topic topic, long records) {
        lag.computeIfAbsent(topic, t -> {
            Map<String, Long> byConsumer = new ConcurrentHashMap<>();
            Gauge.builder("lens.ingest.consumer.lag", byConsumer, IngestMetrics::sum).tag("topic", t.topicName())
                    .description("records behind the end of the log, over this instance's partitions")
                    .register(registry);
            return byConsumer;
        }).put(consumer, records);
    }

    private static double sum(Map<String, Long> byConsumer) {
        return byConsumer.values().stream().mapToLong(Long::longValue).sum();
    }

    private Counter counter(String name, Topic topic) {
        return Counter.builder(name).tag("topic", topic.topicName()).register(registry);
    }
}
