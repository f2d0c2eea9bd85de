package lens.ingest.bench;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import lens.broker.KafkaBroker;
import lens.events.Topic;
import lens.ingest.IngestionStatus;
import lens.ingest.support.Ingesters;
import lens.ingest.support.LakeReader;
import lens.ingest.support.TestEvents;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Not a test: a benchmark, skipped unless {@code -Dlens.bench.events=N} is given. On one broker and one pre-loaded
 * topic it prints the raw consumer rate (a bare byte[] poll loop, best of three reads), this ingester's landed rate
 * (validated, written, fsynced, renamed, committed) after a warm-up landing of the same topic into a throwaway lake,
 * the CPU and threads behind it, the peak RSS, the publish-to-durable-file delay (p50/p99) of a live phase, and Spark
 * Structured Streaming's rate on the same topic, with the ratios. See the README's ingestion section for the command.
 */
class IngestionBenchmark {

    @TempDir
    Path work;

    @Test
    void benchmark() throws Exception {
        String events = System.getProperty("lens.bench.events");
        assumeTrue(events != null, "benchmark: run with -Dlens.bench.events=2000000");
        int total = Integer.parseInt(events);
        int partitions = Integer.getInteger("lens.bench.partitions", 4);
        int consumers = Integer.getInteger("lens.bench.consumers", 2);
        // a caught-up partition flushes after this idle time: the backlog's last files wait for it, not for work
        String idleTimeout = System.getProperty("lens.bench.idle-timeout", "200ms");
        Topic topic = Topic.USER_INTERACTIONS;
        try (KafkaBroker broker = KafkaBroker.start(work.resolve("broker"))) {
            broker.createTopics(List.of(topic.topicName(), topic.deadLetterTopic()), partitions);
            long hourStart = System.currentTimeMillis() - 6 * 3_600_000L;
            long loadStart = System.nanoTime();
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
                    ProducerConfig.ACKS_CONFIG, "1"), new ByteArraySerializer(), new ByteArraySerializer())) {
                for (int i = 0; i < total; i++) {
                    // five hours of events, in order per partition, like a backlog of real traffic
                    long ts = hourStart + (long) i * (5 * 3_600_000L) / total;
                    producer.send(new ProducerRecord<>(topic.topicName(), i % partitions, null,
                            TestEvents.json(TestEvents.view("b-" + i, ts, i % 10_007))));
                }
                producer.flush();
            }
            double loadSeconds = seconds(loadStart);
            System.out.printf("%n[bench] pre-loaded %,d events into %d partitions in %.1f s%n", total, partitions,
                    loadSeconds);

            // the bare loop reads the topic a few times and the best run is the baseline: one ~2 s read swings
            // with the machine's noise, and the best run is the hardest one to come near
            double rawRate = 0;
            for (int run = 1; run <= 3; run++) {
                long rawCpu = cpuNanos();
                long rawBrokerCpu = brokerCpuNanos();
                long rawStart = System.nanoTime();
                double rate = rawConsumerRate(broker.bootstrapServers(), topic, partitions, total);
                System.out.printf("[bench] raw consumer run %d: %,.0f events/s, %s; %s%n", run, rate,
                        cpuPerEvent(rawCpu, rawStart, total), brokerCpuPerEvent(rawBrokerCpu, total));
                rawRate = Math.max(rawRate, rate);
            }
            System.out.printf("[bench] raw consumer:   %,.0f events/s (best of 3)%n", rawRate);

            // the ingester gets its warm-up too: the same topic, landed once into a throwaway lake by another group
            warmUpIngester(broker.bootstrapServers(), topic, work.resolve("warm-up-lake"), total, idleTimeout, consumers);

            Path lake = work.resolve("lake");
            long springStart = System.nanoTime();
            double ingestRate;
            try (ConfigurableApplicationContext app = Ingesters.start(broker.bootstrapServers(), lake,
                    "lens.ingest.group-id=bench", "lens.ingest.topics=" + topic.topicName(),
                    "lens.ingest.idle-timeout=" + idleTimeout, "lens.ingest.grace=5m", "lens.ingest.max-file-age=2s",
                    "lens.ingest.consumers=" + consumers, "lens.ingest.max-poll-records=" + maxPollRecords(),
                    "logging.level.lens.ingest=WARN")) {
                long ingestStart = System.nanoTime();
                long ingestCpu = cpuNanos();
                Map<String, Long> threadCpuBefore = threadCpuByName();
                long[] gcBefore = gc();
                long ingestBrokerCpu = brokerCpuNanos();
                IngestionStatus status = app.getBean(IngestionStatus.class);
                WallClockSampler sampler = WallClockSampler.startIf(Boolean.getBoolean("lens.bench.sample"),
                        "ingestContainer");
                try (Recording profile = startProfile()) {
                    StringBuilder timeline = new StringBuilder();
                    long nextTick = System.nanoTime() + 1_000_000_000L;
                    while (status.landed(topic) < total) {
                        Thread.sleep(20);
                        if (System.nanoTime() >= nextTick) {
                            timeline.append(String.format(" %,d", status.landed(topic)));
                            nextTick += 1_000_000_000L;
                        }
                    }
                    System.out.printf("[bench] landed after each second:%s%n", timeline);
                    stopProfile(profile);
                }
                double ingestSeconds = seconds(ingestStart);
                if (sampler != null) {
                    System.out.println(sampler.stopAndReport(12));
                }
                System.out.printf("[bench] ingester threads' CPU during the leg: %s%s%n", threadCpu(threadCpuBefore),
                        gcSince(gcBefore));
                String ingestCpuPerEvent = cpuPerEvent(ingestCpu, ingestStart, total) + "; "
                        + brokerCpuPerEvent(ingestBrokerCpu, total);
                ingestRate = total / ingestSeconds;
                System.out.printf("[bench] ingester (%d consumer threads): %,.0f events/s landed, %.1f s (+ %.1f s Spring start), %s%n",
                        consumers, ingestRate, ingestSeconds, (ingestStart - springStart) / 1e9, ingestCpuPerEvent);
                System.out.printf("[bench] ratio ingester/raw consumer: %.2f%n", ingestRate / rawRate);
                status.awaitQuiescent(Duration.ofMinutes(5));
                System.out.printf("[bench] lake: %d files for %,d rows%n", LakeReader.dataFiles(lake, topic).size(),
                        total);

                List<Long> delays = livePhase(broker.bootstrapServers(), topic, lake, status, total);
                Collections.sort(delays);
                System.out.printf("[bench] live phase: %,d events; publish-to-durable-file delay p50 %d ms, p99 %d ms "
                        + "(max-file-age 2s, idle-timeout %s)%n", delays.size(),
                        delays.get(delays.size() / 2), delays.get((int) (delays.size() * 0.99)), idleTimeout);
            }
            System.out.printf("[bench] peak RSS of this JVM (producer, consumer, ingester): %s%n", peakRss());

            if (!Boolean.parseBoolean(System.getProperty("lens.bench.spark", "true"))) {
                // development only (profiling the ingester): the published figures always include the Spark leg
                System.out.println("[bench] Spark leg skipped (-Dlens.bench.spark=false)");
                return;
            }
            StructuredStreamingBaseline.Result spark = StructuredStreamingBaseline.run(broker.bootstrapServers(),
                    topic, work);
            double sparkRate = spark.rows() / spark.seconds(); // the topic now also holds the live phase
            System.out.printf("[bench] Spark Structured Streaming (Kafka source -> Parquet sink, AvailableNow, local[2]): "
                    + "%,d rows in %.1f s = %,.0f events/s (+ %.1f s SparkSession start)%n", spark.rows(),
                    spark.seconds(), sparkRate, spark.sessionSeconds());
            System.out.printf("[bench] ratios: ingester/raw consumer %.2f, ingester/Spark Structured Streaming %.2f%n",
                    ingestRate / rawRate, ingestRate / sparkRate);
            System.out.printf("[bench] peak RSS of this JVM after Spark: %s%n", peakRss());
        }
    }

    /** The ingester's batch size; {@code -Dlens.bench.max-poll-records}, default the product's default. */
    private static String maxPollRecords() {
        return System.getProperty("lens.bench.max-poll-records", "2000");
    }

    private static void warmUpIngester(String bootstrap, Topic topic, Path lake, int total, String idleTimeout,
                                       int consumers) throws Exception {
        long start = System.nanoTime();
        try (ConfigurableApplicationContext app = Ingesters.start(bootstrap, lake,
                "lens.ingest.group-id=bench-warm-up", "lens.ingest.instance-id=warm-up",
                "lens.ingest.topics=" + topic.topicName(), "lens.ingest.idle-timeout=" + idleTimeout,
                "lens.ingest.grace=5m", "lens.ingest.max-file-age=2s", "lens.ingest.consumers=" + consumers,
                "lens.ingest.max-poll-records=" + maxPollRecords(), "logging.level.lens.ingest=WARN")) {
            IngestionStatus status = app.getBean(IngestionStatus.class);
            while (status.landed(topic) < total) {
                Thread.sleep(20);
            }
        }
        System.out.printf("[bench] ingester warm-up run (cold JIT, throwaway lake): %,.0f events/s with Spring start%n",
                total / seconds(start));
        org.springframework.util.FileSystemUtils.deleteRecursively(lake);
    }

    private static double rawConsumerRate(String bootstrap, Topic topic, int partitions, int total) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000,
                // the ingester's fetch settings, so the baseline is not held back by smaller fetches
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024, ConsumerConfig.RECEIVE_BUFFER_CONFIG, -1,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> tps = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                tps.add(new TopicPartition(topic.topicName(), p));
            }
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            long start = System.nanoTime();
            long count = 0;
            long bytes = 0;
            while (count < total) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
                for (var record : records) {
                    bytes += record.value().length;
                    count++;
                }
            }
            double rate = count / seconds(start);
            System.out.printf("[bench] raw consumer read %,d events (%,d MB) in %.1f s%n", count, bytes >> 20, seconds(start));
            return rate;
        }
    }

    /** Events stamped with their publish time at 2000/s for 15 s; delay = file's last-modified time minus that stamp. */
    private static List<Long> livePhase(String bootstrap, Topic topic, Path lake, IngestionStatus status, int before)
            throws Exception {
        int count = 30_000;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.LINGER_MS_CONFIG, 5),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            long start = System.currentTimeMillis();
            for (int i = 0; i < count; i++) {
                long due = start + i / 2;
                long wait = due - System.currentTimeMillis();
                if (wait > 0) {
                    Thread.sleep(wait);
                }
                producer.send(new ProducerRecord<>(topic.topicName(), null,
                        TestEvents.json(TestEvents.view("live-" + i, System.currentTimeMillis(), i))));
            }
            producer.flush();
        }
        while (status.landed(topic) < before + count) {
            Thread.sleep(20);
        }
        List<Long> delays = new ArrayList<>();
        for (LakeReader.Row row : LakeReader.rows(lake, topic)) {
            if (row.eventId().startsWith("live-")) {
                delays.add(Files.getLastModifiedTime(row.file()).toMillis() - row.timestamp());
            }
        }
        return delays;
    }

    /** {@code -Dlens.bench.jfr=FILE} records a JFR profile of the ingester leg only (development). */
    private static Recording startProfile() throws Exception {
        if (System.getProperty("lens.bench.jfr") == null) {
            return null;
        }
        Recording recording = new Recording(Configuration.getConfiguration("profile"));
        recording.start();
        return recording;
    }

    private static void stopProfile(Recording recording) throws Exception {
        if (recording != null) {
            recording.stop();
            recording.dump(Path.of(System.getProperty("lens.bench.jfr")));
        }
    }

    /**
     * CPU time of this JVM (the broker runs in its own process) per event and the cores it kept busy on average:
     * what a leg costs, apart from how fast the machine let it run.
     */
    private static String cpuPerEvent(long cpuStart, long wallStart, long events) {
        double cpuSeconds = (cpuNanos() - cpuStart) / 1e9;
        return String.format(java.util.Locale.ROOT, "CPU %.2f us/event (%.2f of %d cores busy)",
                cpuSeconds * 1e6 / events, cpuSeconds / seconds(wallStart),
                Runtime.getRuntime().availableProcessors());
    }

    /** The broker's share: it runs in a child JVM of this one and takes its CPU from the same cores. */
    private static String brokerCpuPerEvent(long cpuStart, long events) {
        return String.format(java.util.Locale.ROOT, "broker CPU %.2f us/event",
                (brokerCpuNanos() - cpuStart) / 1e3 / events);
    }

    private static long brokerCpuNanos() {
        return ProcessHandle.current().descendants()
                .mapToLong(child -> child.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L))
                .sum();
    }

    /** CPU seconds per thread group (names without their numbers): which threads did the leg's work. */
    private static Map<String, Long> threadCpuByName() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        Map<String, Long> cpu = new java.util.TreeMap<>();
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null) {
                long nanos = threads.getThreadCpuTime(info.getThreadId());
                if (nanos > 0) {
                    cpu.merge(info.getThreadName().replaceAll("\\d+", "N"), nanos, Long::sum);
                }
            }
        }
        return cpu;
    }

    /** Collections and milliseconds spent collecting (pauses and concurrent work as the JVM counts them). */
    private static long[] gc() {
        long count = 0;
        long millis = 0;
        for (var bean : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, bean.getCollectionCount());
            millis += Math.max(0, bean.getCollectionTime());
        }
        return new long[] {count, millis};
    }

    private static String gcSince(long[] before) {
        long[] now = gc();
        return String.format(java.util.Locale.ROOT, "GC %d collections, %d ms", now[0] - before[0], now[1] - before[1]);
    }

    private static String threadCpu(Map<String, Long> before) {
        StringBuilder out = new StringBuilder();
        threadCpuByName().forEach((name, nanos) -> {
            long spent = nanos - before.getOrDefault(name, 0L);
            if (spent > 50_000_000L) {
                out.append(String.format(java.util.Locale.ROOT, "%s %.2f s; ", name, spent / 1e9));
            }
        });
        return out.toString();
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static String peakRss() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM"))
                    .findFirst().map(l -> l.replaceAll("\\s+", " ")).orElse("n/a");
        } catch (Exception e) {
            return "n/a";
        }
    }
}
