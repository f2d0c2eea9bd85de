package lens.ingest.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import lens.events.InvalidReason;
import lens.events.Topic;

/**
 * Micrometer meters of the ingester (all tagged by {@code topic}):
 * {@code lens.ingest.records.landed}, {@code lens.ingest.records.dead.lettered} (+ {@code reason}),
 * {@code lens.ingest.records.late}, {@code lens.ingest.records.replay.skipped}, {@code lens.ingest.files.written},
 * {@code lens.ingest.bytes.written}, gauges {@code lens.ingest.consumer.lag} and {@code lens.ingest.open.writers}.
 * Rates (records landed per second) are what the registry derives from the counters.
 */
public final class IngestMetrics {

    private final MeterRegistry registry;
    private final Map<Topic, AtomicLong> lag = new ConcurrentHashMap<>();

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void bindOpenWriters(Supplier<Number> openWriters) {
        Gauge.builder("lens.ingest.open.writers", openWriters).description("Parquet files open for writing")
                .register(registry);
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

    public void lag(Topic topic, long records) {
        lag.computeIfAbsent(topic, t -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("lens.ingest.consumer.lag", value, AtomicLong::get).tag("topic", t.topicName())
                    .description("records behind the end of the log, over this instance's partitions")
                    .register(registry);
            return value;
        }).set(records);
    }

    private Counter counter(String name, Topic topic) {
        return Counter.builder(name).tag("topic", topic.topicName()).register(registry);
    }
}
