package lens.ingest.bench;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
import org.springframework.context.Lifecycle;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Not a test: a benchmark, skipped unless {@code -Dlens.bench.events=N} is given. On one broker and one pre-loaded
 * topic it prints the raw consumer rate (a bare byte[] poll loop, best of {@code lens.bench.runs} reads, 5 by
 * default), this ingester's landed rate (validated, written, fsynced, renamed, committed; best of as many landings
 * of the whole topic, each by a fresh group into a fresh lake), the CPU and threads behind it (JIT compiler and GC
 * threads included), the peak RSS, the publish-to-durable-file delay (p50/p99) of a live phase, and Spark Structured
 * Streaming's rate on the same topic, with the ratios. See the README's ingestion section for the command.
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
        // each leg runs this many times and its best run counts: the ingester's far larger body of code (Kafka's
        // group protocol, Parquet, Hadoop, Spring) takes more runs than the bare loop before the JIT is done with it
        int runs = Integer.getInteger("lens.bench.runs", 5);
        Topic topic = Topic.USER_INTERACTIONS;
        try (KafkaBroker broker = KafkaBroker.start(work.resolve("broker"))) {
            broker.createTopics(List.of(topic.topicName(), topic.deadLetterTopic()), partitions);
            long loadStart = System.nanoTime();
            // five hours of events, in order per partition, like a backlog of real traffic
            preload(broker.bootstrapServers(), topic, partitions, total, "b-",
                    System.currentTimeMillis() - 6 * 3_600_000L, 5 * 3_600_000L);
            double loadSeconds = seconds(loadStart);
            System.out.printf("%n[bench] pre-loaded %,d events into %d partitions in %.1f s%n", total, partitions,
                    loadSeconds);

            // the bare loop reads the topic a few times and the best run is the baseline: one ~2 s read swings
            // with the machine's noise, and the best run is the hardest one to come near
            double rawRate = 0;
            for (int run = 1; run <= runs; run++) {
                awaitCompilerQuiet();
                long rawCpu = cpuNanos();
                long rawBrokerCpu = brokerCpuNanos();
                long rawStart = System.nanoTime();
                double rate = rawConsumerRate(broker.bootstrapServers(), topic, partitions, total);
                System.out.printf("[bench] raw consumer run %d: %,.0f events/s, %s; %s%n", run, rate,
                        cpuUse(rawCpu, rawStart, total), brokerCpuPerEvent(rawBrokerCpu, total));
                rawRate = Math.max(rawRate, rate);
            }
            System.out.printf("[bench] raw consumer:   %,.0f events/s (best of %d)%n", rawRate, runs);
            // Kafka's own tool, for reference: each run is a fresh JVM (as from the command line), so JIT-cold; the
            // warm bare loop above is the stricter baseline and the one the ratio is claimed against
            double toolRate = 0;
            for (int run = 1; run <= 3; run++) {
                toolRate = Math.max(toolRate, consumerPerformanceRate(broker, topic, total, run));
            }
            System.out.printf("[bench] Kafka ConsumerPerformance (fresh JVM per run, same fetch size, its fetch.nMsg.sec): "
                    + "%,.0f events/s (best of 3)%n", toolRate);

            // the ingester gets the same treatment: as many landings of the whole topic, each by a fresh group into
            // a fresh lake, and the best one counts; the first runs on a cold JIT like the raw loop's first read
            double ingestRate = 0;
            double coldIngestRate = 0;
            for (int run = 1; run <= runs; run++) {
                Path lake = work.resolve("lake-" + run);
                try (ConfigurableApplicationContext app = Ingesters.startWithConsumersStopped(broker.bootstrapServers(),
                        lake, ingesterProperties("bench-" + run, topic, idleTimeout, consumers))) {
                    IngestionStatus status = app.getBean(IngestionStatus.class);
                    double rate = landWholeTopic(app, topic, total, consumers, run, run == runs);
                    ingestRate = Math.max(ingestRate, rate);
                    coldIngestRate = run == 1 ? rate : coldIngestRate;
                    if (run < runs) {
                        continue;
                    }
                    System.out.printf("[bench] ingester:       %,.0f events/s (best of %d)%n", ingestRate, runs);
                    System.out.printf("[bench] ratio ingester/raw consumer: %.2f (both warm, best of %d); "
                            + "cold against cold, ingester run 1/ConsumerPerformance: %.2f%n", ingestRate / rawRate, runs,
                            coldIngestRate / toolRate);
                    status.awaitQuiescent(Duration.ofMinutes(5));
                    System.out.printf("[bench] lake: %d files for %,d rows%n", LakeReader.dataFiles(lake, topic).size(),
                            total);

                    List<Long> delays = livePhase(broker.bootstrapServers(), topic, lake, status, total);
                    Collections.sort(delays);
                    System.out.printf("[bench] live phase: %,d events; publish-to-durable-file delay p50 %d ms, p99 %d ms "
                            + "(max-file-age 2s, idle-timeout %s)%n", delays.size(),
                            delays.get(delays.size() / 2), delays.get((int) (delays.size() * 0.99)), idleTimeout);
                }
            }
            System.out.printf("[bench] peak RSS of this JVM (producer, consumer, ingester): %s%n", peakRss());

            double sparkRate = Double.NaN;
            if (Boolean.parseBoolean(System.getProperty("lens.bench.spark", "true"))) {
                StructuredStreamingBaseline.Result spark = StructuredStreamingBaseline.run(broker.bootstrapServers(),
                        topic, work);
                sparkRate = spark.rows() / spark.seconds(); // the topic now also holds the live phase
                System.out.printf("[bench] Spark Structured Streaming (Kafka source -> Parquet sink, AvailableNow, "
                        + "local[2]): %,d rows in %.1f s = %,.0f events/s (+ %.1f s SparkSession start)%n", spark.rows(),
                        spark.seconds(), sparkRate, spark.sessionSeconds());
                System.out.printf("[bench] peak RSS of this JVM after Spark: %s%n", peakRss());
            } else {
                // development only (profiling the ingester): the published figures always include the Spark leg
                System.out.println("[bench] Spark leg skipped (-Dlens.bench.spark=false)");
            }

            // last, as it appends to the topic the legs above read whole
            PairedRatios continuous = continuousLeg(broker.bootstrapServers(), topic, partitions, total,
                    Integer.getInteger("lens.bench.continuous-rounds", runs), idleTimeout, consumers);
            System.out.printf("[bench] ratios: ingester/raw consumer %.2f (fresh ingesters), %.2f (one running ingester, "
                    + "best against best), %.2f (its median round); ingester/Spark Structured Streaming %.2f (fresh "
                    + "ingesters)%n", ingestRate / rawRate, continuous.best(), continuous.median(), ingestRate / sparkRate);
        }
    }

    private static String[] ingesterProperties(String name, Topic topic, String idleTimeout, int consumers) {
        return new String[] {
                "lens.ingest.group-id=" + name, "lens.ingest.instance-id=" + name,
                "lens.ingest.topics=" + topic.topicName(), "lens.ingest.idle-timeout=" + idleTimeout,
                "lens.ingest.grace=5m", "lens.ingest.max-file-age=2s", "lens.ingest.consumers=" + consumers,
                "lens.ingest.max-poll-records=" + maxPollRecords(), "logging.level.lens.ingest=WARN",
                // why the group rebalanced, if it does mid-run (an 11 s stall of the live phase was seen)
                "logging.level.org.apache.kafka.clients.consumer.internals.ConsumerCoordinator=INFO"};
    }

    /** The ingester's batch size; {@code -Dlens.bench.max-poll-records}, default the product's default. */
    private static String maxPollRecords() {
        return System.getProperty("lens.bench.max-poll-records", "2000");
    }

    /**
     * One landing of the whole pre-loaded topic by a just-started ingester: its rate and what it cost. The timeline
     * shows records consumed and landed after each second, which tells the steady rate apart from the group join at
     * the start and the idle flush at the end.
     */
    private static double landWholeTopic(ConfigurableApplicationContext app, Topic topic, int total, int consumers,
                                         int run, boolean last) throws Exception {
        IngestionStatus status = app.getBean(IngestionStatus.class);
        MeterRegistry registry = app.getBean(MeterRegistry.class);
        awaitCompilerQuiet();
        long start = System.nanoTime();
        long cpu = cpuNanos();
        Map<String, Long> threadCpuBefore = threadCpuByName();
        long[] gcBefore = gc();
        long brokerCpu = brokerCpuNanos();
        app.getBean("ingestContainer", Lifecycle.class).start(); // timed from here: consumers made, group joined
        // the sampler watches the last run only
        WallClockSampler sampler = WallClockSampler.startIf(last && Boolean.getBoolean("lens.bench.sample"));
        StringBuilder timeline = new StringBuilder();
        long allConsumedAt = 0;
        long nextTick = start + 1_000_000_000L;
        while (status.landed(topic) < total) {
            Thread.sleep(5);
            long now = System.nanoTime();
            long consumed = consumed(registry, topic);
            if (allConsumedAt == 0 && consumed >= total) {
                allConsumedAt = now;
            }
            if (now >= nextTick) {
                timeline.append(String.format(" %,d/%,d", consumed / 1000, status.landed(topic) / 1000));
                nextTick += 1_000_000_000L;
            }
        }
        double seconds = seconds(start);
        double rate = total / seconds;
        System.out.printf("[bench] ingester run %d (%d consumer threads): %,.0f events/s landed in %.1f s, %s; %s%n",
                run, consumers, rate, seconds, cpuUse(cpu, start, total), brokerCpuPerEvent(brokerCpu, total));
        System.out.printf("[bench]   thousands consumed/landed after each second:%s; all consumed after %.1f s%n",
                timeline, (allConsumedAt - start) / 1e9);
        System.out.printf("[bench]   threads' CPU: %s%s%n", threadCpu(threadCpuBefore), gcSince(gcBefore));
        if (sampler != null) {
            System.out.println(sampler.stopAndReport(12));
        }
        return rate;
    }

    /**
     * Waits (at most 30 s) until the JIT compiler threads have been idle for half a second. Every run of both legs
     * starts this way: the ingester's application start (Spring, Hadoop's configuration, Kafka's group protocol)
     * leaves compilations queued that would otherwise run during, and be charged to, the landing being timed.
     */
    private static void awaitCompilerQuiet() throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        Map<String, Long> before = compilerCpuByThread();
        while (System.nanoTime() < deadline) {
            Thread.sleep(500);
            Map<String, Long> now = compilerCpuByThread();
            long busy = 0;
            for (Map.Entry<String, Long> thread : now.entrySet()) {
                // the JVM starts and stops compiler threads as it likes: a new one counts with all its CPU
                busy += thread.getValue() - before.getOrDefault(thread.getKey(), 0L);
            }
            if (busy < 20_000_000L) {
                return;
            }
            before = now;
        }
        System.out.println("[bench] the JIT compiler was still busy after 30 s; timing anyway");
    }

    /** CPU of each JIT compiler thread by thread id (Linux; elsewhere empty, and the wait above is half a second). */
    private static Map<String, Long> compilerCpuByThread() {
        Map<String, Long> cpu = new java.util.HashMap<>();
        for (KernelThread thread : kernelThreads()) {
            if (thread.name().contains("CompilerThre")) {
                cpu.put(thread.id(), thread.cpuNanos());
            }
        }
        return cpu;
    }

    private static long consumed(MeterRegistry registry, Topic topic) {
        Counter counter = registry.find("lens.ingest.records.consumed").tag("topic", topic.topicName()).counter();
        return counter == null ? 0 : (long) counter.count();
    }

    /** Kafka's ConsumerPerformance in a child JVM, by a fresh group: its rate over fetch time (joining excluded). */
    private static double consumerPerformanceRate(KafkaBroker broker, Topic topic, int total, int run) {
        Map<String, String> figures = broker.consumerPerformance(topic.topicName(), total,
                "bench-consumer-performance-" + run, 4 * 1024 * 1024);
        double rate = Double.parseDouble(figures.get("fetch.nMsg.sec"));
        System.out.printf("[bench] Kafka ConsumerPerformance run %d: %,.0f events/s over fetch time, %s ms joining%n",
                run, rate, figures.get("rebalance.time.ms"));
        return rate;
    }

    private static double rawConsumerRate(String bootstrap, Topic topic, int partitions, int total) {
        try (KafkaConsumer<byte[], byte[]> consumer = bareConsumer(bootstrap)) {
            List<TopicPartition> tps = partitionsOf(topic, partitions);
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            return readRate(consumer, total);
        }
    }

    private static KafkaConsumer<byte[], byte[]> bareConsumer(String bootstrap) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000,
                // the ingester's fetch settings, so the baseline is not held back by smaller fetches
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024, ConsumerConfig.RECEIVE_BUFFER_CONFIG, -1,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static List<TopicPartition> partitionsOf(Topic topic, int partitions) {
        List<TopicPartition> tps = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            tps.add(new TopicPartition(topic.topicName(), p));
        }
        return tps;
    }

    /** Reads {@code total} records from where the consumer is positioned: its rate. */
    private static double readRate(KafkaConsumer<byte[], byte[]> consumer, int total) {
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

    /** Appends {@code total} view events, round-robin over the partitions, stamped evenly over {@code spanMillis}. */
    private static void preload(String bootstrap, Topic topic, int partitions, int total, String idPrefix,
                                long firstTimestamp, long spanMillis) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
                ProducerConfig.ACKS_CONFIG, "1"), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < total; i++) {
                long ts = firstTimestamp + (long) i * spanMillis / total;
                producer.send(new ProducerRecord<>(topic.topicName(), i % partitions, null,
                        TestEvents.json(TestEvents.view(idPrefix + i, ts, i % 10_007))));
            }
            producer.flush();
        }
    }

    /**
     * The ingester as it runs in production: one instance, long started, catching up a backlog. The landings above
     * each start a fresh ingester, and even the fifth still spends a large share of its CPU in the JIT compiler
     * (the group protocol, the Parquet footer, Hadoop and Spring paths reach their thresholds a landing at a time);
     * a running ingester has paid that once. This one first lands what the topic holds (untimed). Then each round
     * pauses its consumers, appends {@code total} new events stamped over the last ten seconds (so no hour is late),
     * reads exactly them with a long-lived bare consumer, then resumes the ingester and times it until they are
     * landed. Best round of each.
     */
    private PairedRatios continuousLeg(String bootstrap, Topic topic, int partitions, int total, int rounds,
                                       String idleTimeout, int consumers) throws Exception {
        if (rounds < 1) {
            return PairedRatios.NONE;
        }
        long held;
        try (KafkaConsumer<byte[], byte[]> consumer = bareConsumer(bootstrap)) {
            held = consumer.endOffsets(partitionsOf(topic, partitions)).values().stream().mapToLong(Long::longValue).sum();
        }
        try (ConfigurableApplicationContext app = Ingesters.start(bootstrap, work.resolve("lake-continuous"),
                ingesterProperties("bench-continuous", topic, idleTimeout, consumers))) {
            // first it lands what the topic holds (a fresh landing, untimed), then it keeps running
            IngestionStatus status = app.getBean(IngestionStatus.class);
            long deadline = System.nanoTime() + 600_000_000_000L;
            while (status.landed(topic) < held && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            if (status.landed(topic) < held || !status.awaitQuiescent(Duration.ofMinutes(5))) {
                throw new IllegalStateException("the running ingester did not land the topic's " + held + " events");
            }
            return continuousRounds(app, bootstrap, topic, partitions, total, rounds);
        }
    }

    private static PairedRatios continuousRounds(ConfigurableApplicationContext app, String bootstrap, Topic topic,
                                                 int partitions, int total, int rounds) throws Exception {
        MessageListenerContainer container = app.getBean("ingestContainer", MessageListenerContainer.class);
        double rawRate = 0;
        double ingestRate = 0;
        List<Double> pairedRatios = new ArrayList<>();
        List<Double> ingestMicros = new ArrayList<>();
        List<Double> rawMicros = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> raw = bareConsumer(bootstrap)) {
            List<TopicPartition> tps = partitionsOf(topic, partitions);
            raw.assign(tps);
            // a profiled round is an extra one, left out of the figures: JFR's instrumentation makes the JIT
            // recompile in the middle of it (a 1M round measured 5x slower with it than without)
            boolean profiling = System.getProperty("lens.bench.jfr") != null;
            for (int round = 1; round <= rounds + (profiling ? 1 : 0); round++) {
                boolean counted = round <= rounds;
                if (!counted) {
                    System.out.printf("[bench] continuous round %d is profiled (JFR) and not counted%n", round);
                }
                pauseConsumers(container);
                Map<TopicPartition, Long> from = raw.endOffsets(tps);
                preload(bootstrap, topic, partitions, total, "c" + round + "-", System.currentTimeMillis() - 10_000L,
                        10_000L);

                awaitCompilerQuiet();
                tps.forEach(tp -> raw.seek(tp, from.get(tp)));
                long rawCpu = cpuNanos();
                long rawStart = System.nanoTime();
                double rawRound = readRate(raw, total);
                CpuUse rawUse = cpuUse(rawCpu, rawStart, total);
                System.out.printf("[bench] continuous round %d, raw consumer: %,.0f events/s, %s%n", round, rawRound,
                        rawUse);

                Landing landing = resumeAndTimeLanding(app, container, topic, total, round, !counted);
                if (counted) {
                    rawRate = Math.max(rawRate, rawRound);
                    ingestRate = Math.max(ingestRate, landing.rate());
                    pairedRatios.add(landing.rate() / rawRound);
                    ingestMicros.add(landing.cpu().microsPerEvent());
                    rawMicros.add(rawUse.microsPerEvent());
                }
            }
        }
        // a round's two legs run seconds apart on the same events: their ratio is the least touched by the machine's
        // drift, so the median of those is printed beside the ratio of the best runs
        double medianRatio = median(pairedRatios);
        System.out.printf("[bench] continuous ingester (one warm instance, backlogs of %,d): %,.0f events/s against "
                + "the bare consumer's %,.0f on the same events (best of %d): ratio %.2f; per round %s, median %.2f%n",
                total, ingestRate, rawRate, rounds, ingestRate / rawRate,
                pairedRatios.stream().map(r -> String.format("%.2f", r)).toList(), medianRatio);
        printCoresForHalf(rawRate, median(ingestMicros), median(rawMicros));
        return new PairedRatios(ingestRate / rawRate, medianRatio);
    }

    /**
     * The rate ratio as work: CPU per event of the running ingester against the bare consumer's, and how many cores
     * the ingester alone would keep busy landing at half the bare consumer's best rate. Whether 0.5 can be met on a
     * machine is then a matter of its cores (the broker's share comes on top), which the rates alone do not show.
     */
    private static void printCoresForHalf(double rawRate, double ingestMicros, double rawMicros) {
        System.out.printf(java.util.Locale.ROOT, "[bench] CPU per event, median of the rounds: ingester %.2f us, bare "
                + "consumer %.2f us (%.1fx); half the bare consumer's best rate (%,.0f events/s) needs %.1f cores busy "
                + "in the ingester's JVM alone; this machine has %d%n", ingestMicros, rawMicros,
                ingestMicros / rawMicros, rawRate / 2, rawRate / 2 * ingestMicros / 1e6,
                Runtime.getRuntime().availableProcessors());
    }

    /** Pauses the ingester's consumers and waits until every one of them has. */
    private static void pauseConsumers(MessageListenerContainer container) throws InterruptedException {
        container.pause();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!container.isContainerPaused()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the ingester's consumers did not pause within 30 s");
            }
            Thread.sleep(10);
        }
    }

    /**
     * Resumes the paused ingester and times it until the {@code total} events appended meanwhile are landed; prints
     * the rate, when all were consumed, and the CPU it took. Nothing lands while the consumers are paused, so the
     * counts read before resuming are where the round starts.
     */
    private static Landing resumeAndTimeLanding(ConfigurableApplicationContext app, MessageListenerContainer container,
                                               Topic topic, int total, int round, boolean profiled) throws Exception {
        IngestionStatus status = app.getBean(IngestionStatus.class);
        MeterRegistry registry = app.getBean(MeterRegistry.class);
        long landedTarget = status.landed(topic) + total;
        long consumedTarget = consumed(registry, topic) + total;
        // started before the JIT wait, as JFR's start makes the JIT recompile
        try (Recording profile = profiled ? startProfile() : null) {
            awaitCompilerQuiet();
            long cpu = cpuNanos();
            Map<String, Long> threadCpuBefore = threadCpuByName();
            long start = System.nanoTime();
            long deadline = start + 600_000_000_000L;
            long allConsumedAt = 0;
            container.resume();
            while (status.landed(topic) < landedTarget) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("round " + round + " did not land in 10 minutes");
                }
                Thread.sleep(5);
                if (allConsumedAt == 0 && consumed(registry, topic) >= consumedTarget) {
                    allConsumedAt = System.nanoTime();
                }
            }
            long end = System.nanoTime();
            double seconds = (end - start) / 1e9;
            stopProfile(profile);
            allConsumedAt = allConsumedAt == 0 ? end : allConsumedAt; // consumed and landed within one check
            CpuUse use = cpuUse(cpu, start, total);
            System.out.printf("[bench] continuous round %d, ingester: %,.0f events/s landed in %.2f s (all consumed "
                    + "after %.2f s), %s%n", round, total / seconds, seconds, (allConsumedAt - start) / 1e9, use);
            System.out.printf("[bench]   threads' CPU: %s%n", threadCpu(threadCpuBefore));
            return new Landing(total / seconds, use);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /** A timed round of the running ingester. */
    private record Landing(double rate, CpuUse cpu) {
    }

    /** The running ingester against the bare consumer: best round against best round, and the median round's. */
    private record PairedRatios(double best, double median) {
        static final PairedRatios NONE = new PairedRatios(Double.NaN, Double.NaN);
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

    /** {@code -Dlens.bench.jfr=FILE} records a JFR profile of an extra, uncounted round of the running ingester. */
    private static Recording startProfile() throws Exception {
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
    private static CpuUse cpuUse(long cpuStart, long wallStart, long events) {
        double cpuSeconds = (cpuNanos() - cpuStart) / 1e9;
        return new CpuUse(cpuSeconds * 1e6 / events, cpuSeconds / seconds(wallStart));
    }

    /** What a leg cost this JVM: CPU per event, and the cores it kept busy on average. */
    private record CpuUse(double microsPerEvent, double coresBusy) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "CPU %.2f us/event (%.2f of %d cores busy)", microsPerEvent,
                    coresBusy, Runtime.getRuntime().availableProcessors());
        }
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

    /**
     * CPU seconds per thread group (names without their numbers): which threads did the leg's work. On Linux the
     * kernel's per-thread counters also show the JVM's own threads (JIT compilers, GC workers), which the JMX view
     * hides; elsewhere only Java threads are counted.
     */
    private static Map<String, Long> threadCpuByName() {
        Map<String, Long> cpu = new java.util.TreeMap<>();
        if (Files.isDirectory(Path.of("/proc/self/task"))) {
            kernelThreads().forEach(thread -> cpu.merge(thread.name().replaceAll("\\d+", "N"), thread.cpuNanos(),
                    Long::sum));
            return cpu;
        }
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
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

    /** One thread of this process as the kernel counts it: id, name (cut to 15 characters), utime + stime. */
    private record KernelThread(String id, String name, long cpuNanos) {
    }

    /**
     * Every thread of this process from {@code /proc/self/task/<tid>/stat} (counters in clock ticks of 10 ms); empty
     * off Linux. A thread that ends between listing and reading is left out.
     */
    private static List<KernelThread> kernelThreads() {
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return List.of();
        }
        List<KernelThread> threads = new ArrayList<>();
        try (var listing = Files.list(tasks)) {
            listing.forEach(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    // the name sits in parentheses and may hold spaces; the counters follow it
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    threads.add(new KernelThread(task.getFileName().toString(), name, ticks * 10_000_000L));
                } catch (java.io.IOException | RuntimeException ended) {
                    // the thread ended between listing and reading: its CPU is no longer counted anywhere
                }
            });
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return threads;
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
