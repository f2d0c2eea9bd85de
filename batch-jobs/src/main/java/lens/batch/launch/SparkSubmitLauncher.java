package lens.batch.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import lens.trainer.job.JobRequest;
import lens.trainer.job.JobResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each job as a {@code spark-submit} child process with the thin trainer jar. The driver's output goes to a
 * log file per run; the exit status, the application id and the result line are read back. Each run also writes
 * a Spark event log (what a History Server shows) into its own folder, whose file name is the application id.
 */
public class SparkSubmitLauncher implements SparkJobLauncher, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SparkSubmitLauncher.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS")
            .withZone(ZoneOffset.UTC);

    private final SubmitCommand command;
    private final Path logDir;
    private static final Duration KILL_AFTER_TERM = Duration.ofSeconds(10);

    private final Duration timeout;
    private final Duration stopGrace;
    private final Set<Process> running = ConcurrentHashMap.newKeySet();
    private final Thread shutdownHook = new Thread(this::stopDrivers, "lens-spark-submit-stop");

    /**
     * @param timeout   a submission running longer is killed and fails
     * @param stopGrace on shutdown (Ctrl-C, SIGTERM), how long running drivers may still take to finish
     */
    public SparkSubmitLauncher(SubmitCommand command, Path logDir, Duration timeout, Duration stopGrace) {
        this.command = command;
        this.logDir = logDir;
        this.timeout = timeout;
        this.stopGrace = stopGrace;
        // A stopping JVM may close no Spring context in time; its drivers must still not outlive the grace.
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    @Override
    public LaunchOutcome launch(String job, JobRequest request) {
        Instant start = Instant.now();
        Path runDir = logDir.resolve(job).resolve(request.window().id() + "-" + STAMP.format(start));
        Path driverLog = runDir.resolve("driver.log");
        Path eventLogs = runDir.resolve("events");
        int exit;
        try {
            Files.createDirectories(eventLogs);
            Path logback = writeLogbackConfig(runDir);
            SubmitCommand withRunConf = new SubmitCommand(command.javaHome(), command.sparkHome(), command.classpath(),
                    Stream.concat(command.jvmOptions().stream(), Stream.of("-Dlogback.configurationFile=" + logback))
                            .toList(),
                    command.master(), command.deployMode(), command.mainClass(), command.appJar(),
                    merge(command.sparkConf(), Map.of("spark.eventLog.enabled", "true",
                            "spark.eventLog.dir", eventLogs.toUri().toString())));
            List<String> argv = withRunConf.build(job, request);
            log.info("spark-submit {} {} (driver log {})", job, request.window(), driverLog);
            Process process = new ProcessBuilder(OwnSession.wrap(argv))
                    .redirectErrorStream(true)
                    .redirectOutput(driverLog.toFile())
                    .start();
            running.add(process);
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new SparkJobFailedException("spark-submit of " + job + " for " + request.window()
                            + " ran longer than " + timeout + " and was killed; driver log: " + driverLog);
                }
                exit = process.exitValue();
            } finally {
                running.remove(process);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not start spark-submit for " + job, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SparkJobFailedException("interrupted while waiting for spark-submit of " + job, e);
        }
        List<String> lines = readLines(driverLog);
        String applicationId = DriverLog.applicationId(lines).or(() -> eventLogName(eventLogs)).orElse(null);
        if (exit != 0) {
            throw new SparkJobFailedException("spark-submit of " + job + " for " + request.window() + " exited with "
                    + exit + " (application " + applicationId + "); driver log: " + driverLog + "\n"
                    + DriverLog.tail(lines, 15));
        }
        JobResult result = DriverLog.result(lines).orElseThrow(() -> new SparkJobFailedException(
                "spark-submit of " + job + " exited 0 but printed no result line; driver log: " + driverLog));
        return new LaunchOutcome(result, applicationId, driverLog.toString(), Duration.between(start, Instant.now()));
    }

    @Override
    public String kind() {
        return "spark-submit";
    }

    /**
     * Lets running drivers finish within the stop grace (a stopped backfill's running hours complete), then
     * stops the rest: SIGTERM first, so Spark's own hooks end the application, then SIGKILL.
     */
    @Override
    public void close() {
        try {
            // closed normally: the hook has nothing left to do, and a long-lived JVM must not gather one per launcher
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs (or ran) stopDrivers itself
        }
        stopDrivers();
    }

    Thread shutdownHook() {
        return shutdownHook;
    }

    private void stopDrivers() {
        long deadline = System.nanoTime() + stopGrace.toNanos();
        if (!running.isEmpty()) {
            log.info("waiting up to {} for {} running spark-submit driver(s) to finish", stopGrace, running.size());
        }
        awaitAll(deadline);
        running.forEach(Process::destroy);
        awaitAll(System.nanoTime() + KILL_AFTER_TERM.toNanos());
        running.forEach(Process::destroyForcibly);
    }

    private void awaitAll(long deadlineNanos) {
        for (Process process : List.copyOf(running)) {
            long left = deadlineNanos - System.nanoTime();
            try {
                if (left <= 0 || !process.waitFor(left, TimeUnit.NANOSECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static Map<String, String> merge(Map<String, String> base, Map<String, String> extra) {
        Map<String, String> merged = new java.util.LinkedHashMap<>(base);
        extra.forEach(merged::putIfAbsent);
        return merged;
    }

    private static Optional<String> eventLogName(Path eventLogs) {
        try (Stream<Path> files = Files.list(eventLogs)) {
            return files.map(p -> p.getFileName().toString())
                    .map(name -> name.replaceAll("(\\.inprogress|\\.lz4|\\.zstd|\\.snappy)+$", ""))
                    .map(name -> name.startsWith("eventlog_v2_") ? name.substring("eventlog_v2_".length()) : name)
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the driver log " + file, e);
        }
    }

    /** Without it, Logback on Spark's classpath would log everything at DEBUG. */
    private static Path writeLogbackConfig(Path runDir) throws IOException {
        Path file = runDir.resolve("logback-driver.xml");
        Files.writeString(file, """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{30} - %msg%n</pattern></encoder>
                  </appender>
                  <logger name="org.apache.spark" level="INFO"/>
                  <logger name="org.apache.hadoop" level="WARN"/>
                  <logger name="org.apache.parquet" level="WARN"/>
                  <logger name="org.sparkproject" level="WARN"/>
                  <root level="INFO"><appender-ref ref="OUT"/></root>
                </configuration>
                """);
        return file;
    }
}
