package lens.broker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft Kafka broker (broker and controller in one process) in a child JVM, bound to
 * 127.0.0.1 with its data under a directory of the caller's. Started by {@link #start(Path)}; closed by
 * {@link #close()}, by the JVM's shutdown, or by the parent's death (see {@link BrokerMain}).
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);
    private static final String CLASSPATH_RESOURCE = "/lens/broker.classpath";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(180);
    private static final int BIND_ATTEMPTS = 3;
    private static final String BROKER_LOG = "broker.log";
    private static final String BROKER_OUT = "broker.out";
    private static final long MAX_OUTPUT_BYTES = 1 << 20;

    private final Process process;
    private final String bootstrapServers;
    private final Path dataDir;
    private final Thread shutdownHook;

    private KafkaBroker(Process process, String bootstrapServers, Path dataDir) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
        this.dataDir = dataDir;
        this.shutdownHook = new Thread(this::stopProcess, "kafka-broker-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts a broker whose logs and data live under {@code dataDir} (kept across restarts). */
    public static KafkaBroker start(Path dataDir) {
        return start(dataDir, KafkaBroker::freePort);
    }

    /**
     * Starts a broker on ports from {@code ports}. A free port can be taken by another process between our probe
     * and the broker's bind (Spark, in a build running modules in parallel, binds many): the broker then exits at
     * once, and we try again on fresh ports.
     */
    static KafkaBroker start(Path dataDir, IntSupplier ports) {
        List<PortTakenException> taken = new ArrayList<>();
        while (true) {
            try {
                return startOnce(dataDir, ports.getAsInt(), ports.getAsInt());
            } catch (PortTakenException e) {
                taken.add(e);
                if (taken.size() == BIND_ATTEMPTS) {
                    IllegalStateException failure = new IllegalStateException(
                            "Kafka broker could not bind in " + BIND_ATTEMPTS + " tries", e);
                    taken.subList(0, taken.size() - 1).forEach(failure::addSuppressed);
                    throw failure;
                }
                log.warn("Kafka broker port taken before it could bind; retrying on fresh ports ({})",
                        e.getMessage().lines().findFirst().orElse(""));
            }
        }
    }

    private static KafkaBroker startOnce(Path dataDir, int port, int controllerPort) {
        try {
            Files.createDirectories(dataDir);
            Path config = writeServerProperties(dataDir, port, controllerPort);
            Path log4j = writeLog4jConfig(dataDir);
            String classpath = brokerClasspath();
            if (!Files.exists(dataDir.resolve("kafka-logs/meta.properties"))) {
                runToCompletion(javaCommand(classpath, log4j, "kafka.tools.StorageTool",
                        "format", "-t", Uuid.randomUuid().toString(), "-c", config.toString(), "--ignore-formatted"),
                        dataDir);
            }
            StartOutput output = StartOutput.from(dataDir);
            ProcessBuilder builder = new ProcessBuilder(
                    javaCommand(classpath, log4j, BrokerMain.class.getName(), config.toString()));
            builder.redirectErrorStream(true);
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve(BROKER_OUT).toFile()));
            Process process = builder.start();
            String bootstrap = "127.0.0.1:" + port;
            KafkaBroker broker = new KafkaBroker(process, bootstrap, dataDir);
            broker.awaitReady(output);
            log.info("Kafka broker (KRaft) up at {} in {}, data in {}", bootstrap,
                    Duration.between(process.info().startInstant().orElse(Instant.now()), Instant.now()), dataDir);
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the Kafka broker", e);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Path dataDir() {
        return dataDir;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Creates each topic that does not exist yet. */
    public void createTopics(Collection<String> names, int partitions) {
        createTopics(bootstrapServers, names, partitions);
    }

    /**
     * Creates topics on any cluster; existing ones are left as they are. Replication is the cluster's default
     * (one on the embedded broker); retention is unlimited, since event time may be old.
     */
    public static void createTopics(String bootstrapServers, Collection<String> names, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            List<NewTopic> topics = new ArrayList<>();
            for (String name : names) {
                topics.add(new NewTopic(name, Optional.of(partitions), Optional.empty())
                        .configs(Map.of("retention.ms", "-1", "retention.bytes", "-1")));
            }
            admin.createTopics(topics).values().forEach((name, future) -> {
                try {
                    future.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create topic " + name, e.getCause());
                    }
                } catch (Exception e) {
                    throw new IllegalStateException("could not create topic " + name, e);
                }
            });
            awaitLeadersServing(admin, names);
        }
    }

    /**
     * Waits until every partition's leader answers an offset lookup. A topic is announced in metadata a moment
     * before its leader serves it; an idempotent producer that writes into that window gets NOT_LEADER retries
     * that can end in an OutOfOrderSequenceException and sends that never complete.
     */
    private static void awaitLeadersServing(Admin admin, Collection<String> names) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        Exception last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
                admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS).values()
                        .forEach(topic -> topic.partitions().forEach(p -> partitions.put(
                                new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest())));
                admin.listOffsets(partitions).all().get(10, TimeUnit.SECONDS);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for topic leaders", e);
            } catch (Exception notYet) {
                last = notYet;
                sleep(100);
            }
        }
        throw new IllegalStateException("topic leaders not serving after 60 s: " + names, last);
    }

    /**
     * Runs one of Kafka's command-line tools (say {@code org.apache.kafka.tools.ConsumerPerformance}) in a child JVM
     * on the broker's classpath, and returns what it printed. Benchmarks use it for Kafka's own figures. A tool still
     * running after {@code timeout} is killed.
     */
    public String runTool(String mainClass, List<String> args, Duration timeout) {
        try {
            Path log4j = dataDir.resolve("log4j2-tool.properties");
            Files.writeString(log4j, "status = warn\nrootLogger.level = WARN\n");
            Path output = Files.createTempFile(dataDir, "tool-", ".out");
            try {
                List<String> command = javaCommand(brokerClasspath(), log4j, mainClass, args.toArray(String[]::new));
                Process tool = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).start();
                boolean finished = tool.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (!finished) {
                    tool.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
                String printed = Files.readString(output);
                if (!finished || tool.exitValue() != 0) {
                    throw new IllegalStateException(mainClass + (finished ? " failed: " : " timed out: ") + printed);
                }
                return printed;
            } finally {
                Files.deleteIfExists(output); // also when the tool failed or we were interrupted
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + mainClass, e);
        }
    }

    /**
     * Kafka's {@code ConsumerPerformance} reading {@code messages} records of {@code topic} as consumer group
     * {@code group}: its figures by name ({@code fetch.nMsg.sec}, {@code data.consumed.in.nMsg},
     * {@code rebalance.time.ms}, ...), as the tool's last two CSV lines (header, values) give them.
     */
    public Map<String, String> consumerPerformance(String topic, long messages, String group, int fetchBytes) {
        String output = runTool("org.apache.kafka.tools.ConsumerPerformance", List.of(
                "--bootstrap-server", bootstrapServers(), "--topic", topic, "--messages", String.valueOf(messages),
                "--group", group, "--fetch-size", String.valueOf(fetchBytes), "--timeout", "60000"),
                Duration.ofMinutes(10));
        List<String> csv = output.lines().filter(line -> line.contains(",")).toList();
        if (csv.size() < 2) {
            throw new IllegalStateException("ConsumerPerformance printed no figures: " + output);
        }
        String[] names = csv.get(csv.size() - 2).split(",\\s*");
        String[] values = csv.get(csv.size() - 1).split(",\\s*");
        Map<String, String> figures = new LinkedHashMap<>();
        for (int i = 0; i < Math.min(names.length, values.length); i++) {
            figures.put(names[i].trim(), values[i].trim());
        }
        return figures;
    }

    @Override
    public void close() {
        stopProcess();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException ignored) {
            // already shutting down
        }
    }

    private void stopProcess() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady(StartOutput output) {
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        try (Admin admin = Admin.create(config)) {
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    close();
                    String message = "Kafka broker exited with " + process.exitValue() + ":\n" + output.describe();
                    throw output.log().contains("Address already in use")
                            ? new PortTakenException(message) : new IllegalStateException(message);
                }
                try {
                    if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception notYet) {
                    sleep(200);
                }
            }
        }
        close();
        throw new IllegalStateException("Kafka broker not ready after " + STARTUP_TIMEOUT + ":\n" + output.describe());
    }

    /** What the broker wrote since one start: both files are kept across restarts, so each is read from an offset. */
    private record StartOutput(Path dataDir, long logOffset, long outOffset) {

        /** Marks where this start's output begins: the files' current ends. */
        static StartOutput from(Path dataDir) throws IOException {
            return new StartOutput(dataDir, sizeOf(dataDir.resolve(BROKER_LOG)), sizeOf(dataDir.resolve(BROKER_OUT)));
        }

        String log() {
            return readFrom(dataDir.resolve(BROKER_LOG), logOffset);
        }

        /** The last lines of the broker's log and of its stdout, for an error message. */
        String describe() {
            String out = readFrom(dataDir.resolve(BROKER_OUT), outOffset);
            return tail(log()) + "\n--- " + BROKER_OUT + " ---\n" + tail(out);
        }

        /** The file from {@code offset} on, at most its last MB (a failing start writes far less). */
        private static String readFrom(Path file, long offset) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                long from = Math.max(offset, channel.size() - MAX_OUTPUT_BYTES);
                ByteBuffer buffer = ByteBuffer.allocate((int) Math.max(0, channel.size() - from));
                channel.position(from);
                while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                    // read to the end
                }
                return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
            } catch (NoSuchFileException absent) {
                return "";
            } catch (IOException e) {
                return "(unreadable: " + e + ")";
            }
        }

        private static String tail(String text) {
            List<String> lines = text.lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        }
    }

    private static long sizeOf(Path file) throws IOException {
        return Files.exists(file) ? Files.size(file) : 0;
    }

    /** The broker died because a port it was given was bound by someone else first. */
    private static final class PortTakenException extends IllegalStateException {
        PortTakenException(String message) {
            super(message);
        }
    }

    private static Path writeServerProperties(Path dataDir, int port, int controllerPort) throws IOException {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        p.setProperty("log.dirs", dataDir.resolve("kafka-logs").toAbsolutePath().toString());
        p.setProperty("num.partitions", "3");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "5");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // On a loaded 2-core machine the default 9 s lets the lone controller fence its own broker. But a restarted
        // broker cannot register until its previous incarnation's session has run out (the combined controller
        // stops with it, so the clean shutdown is never recorded): keep the session short enough to wait out, and
        // let registration wait longer than one session.
        p.setProperty("broker.session.timeout.ms", "30000");
        p.setProperty("initial.broker.registration.timeout.ms", "150000");
        p.setProperty("auto.create.topics.enable", "false");
        // Event time can be years old (MovieLens replays): never delete by age.
        p.setProperty("log.retention.ms", "-1");
        p.setProperty("log.message.timestamp.after.max.ms", String.valueOf(Long.MAX_VALUE));
        Path file = dataDir.resolve("server.properties");
        try (var out = Files.newBufferedWriter(file)) {
            p.store(out, "generated by lens.broker.KafkaBroker");
        }
        return file;
    }

    private static Path writeLog4jConfig(Path dataDir) throws IOException {
        Path file = dataDir.resolve("log4j2.properties");
        Files.writeString(file, """
                status = warn
                appender.file.type = File
                appender.file.name = file
                appender.file.fileName = %s
                appender.file.layout.type = PatternLayout
                appender.file.layout.pattern = [%%d] %%p %%m (%%c)%%n
                rootLogger.level = INFO
                rootLogger.appenderRef.file.ref = file
                logger.kafka.name = kafka
                logger.kafka.level = WARN
                logger.apache.name = org.apache.kafka
                logger.apache.level = WARN
                """.formatted(dataDir.resolve(BROKER_LOG).toAbsolutePath()));
        return file;
    }

    private static List<String> javaCommand(String classpath, Path log4j, String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms128m", "-Xmx768m", "-XX:+UseG1GC",
                "-Dlog4j2.configurationFile=" + log4j.toAbsolutePath(),
                "-cp", classpath, mainClass));
        command.addAll(List.of(args));
        return command;
    }

    private static void runToCompletion(List<String> command, Path dataDir) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve(BROKER_OUT).toFile())).start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("kafka-storage format failed; see " + dataDir.resolve(BROKER_OUT));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while formatting Kafka storage", e);
        }
    }

    /** The Kafka jars, resolved at build time, plus this module's own classes (for {@link BrokerMain}). */
    static String brokerClasspath() {
        String override = System.getProperty("lens.broker.classpath");
        String resolved;
        if (override != null && !override.isBlank()) {
            resolved = override;
        } else {
            try (InputStream in = KafkaBroker.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(CLASSPATH_RESOURCE + " missing: build the kafka-broker module");
                }
                resolved = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try {
            Path self = Path.of(KafkaBroker.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return self + java.io.File.pathSeparator + resolved;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A port free on loopback now; another process may bind it before the broker does. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on loopback", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
