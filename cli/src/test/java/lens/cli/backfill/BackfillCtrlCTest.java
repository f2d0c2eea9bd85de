package lens.cli.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import lens.broker.KafkaBroker;
import lens.cli.Lens;
import lens.events.EventHour;
import lens.events.HourManifest;
import lens.events.LakeLayout;
import lens.events.Topic;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C for real, as a terminal sends it: SIGINT to the whole process group of a {@code lens backfill} that
 * runs its first hour as a {@code spark-submit} driver. The driver (in its own session) is not hit; LENS lets
 * that hour finish, starts no other, and exits; the same command run again skips the finished hour and takes up
 * the rest. Only the first hour has input (a complete, empty hour), so the other hours fail fast when run.
 */
@Tag("slow")
class BackfillCtrlCTest {

    private static final String FROM = "2026-11-20T00";
    private static final String TO = "2026-11-20T05";
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    @TempDir
    static Path dir;
    static KafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.start(dir.resolve("kafka"));
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void givenASparkSubmitBackfill_whenItsProcessGroupGetsSigint_thenTheRunningHourCompletesNoOtherStarts_andARerunTakesUpTheRest()
            throws Exception {
        assumeTrue(Files.isExecutable(SETSID), "needs setsid to give the backfill its own process group");
        Path workdir = dir.resolve("work");
        Files.createDirectories(workdir);
        markCompleteAndEmpty(workdir.resolve("lake"), EventHour.parse(FROM));
        Path log = workdir.resolve("backfill.log");
        Process child = startBackfill(workdir, log);
        try {
            awaitDriverRunning(workdir, child, log);
            // "-- -pid": the process group, which is what a terminal's Ctrl-C signals
            new ProcessBuilder("kill", "-INT", "--", "-" + child.pid()).start().waitFor(10, TimeUnit.SECONDS);
            assertThat(child.waitFor(180, TimeUnit.SECONDS)).as("exited after SIGINT; see %s", log).isTrue();
        } finally {
            child.destroyForcibly();
        }
        String firstOutput = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(firstOutput).as("see %s", log).contains("stopping: running hours finish, no new ones start")
                .contains("1 completed, 0 skipped (done before), 0 failed, 5 not run");

        System.setProperty("lens.batch.backfill-input-timeout", "1s");
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        try {
            BackfillCommand command = new BackfillCommand();
            command.out = new PrintStream(again, true);
            command.err = new PrintStream(new ByteArrayOutputStream(), true);
            new picocli.CommandLine(command).execute("--workdir", workdir.toString(), "--bootstrap-servers",
                    broker.bootstrapServers(), "--job", "ab-report", "--from", FROM, "--to", TO, "--parallel", "1",
                    "--launcher", "spark-submit");
        } finally {
            System.clearProperty("lens.batch.backfill-input-timeout");
        }
        // the finished hour is not run again; the five others are attempted (and fail: they have no input)
        assertThat(again.toString()).contains("0 completed, 1 skipped (done before), 5 failed, 0 not run");
    }

    /** The ingester's manifest of an hour that had no A/B events: complete, so ab-report runs on it. */
    private static void markCompleteAndEmpty(Path lake, EventHour hour) throws Exception {
        HourManifest manifest = new HourManifest(Topic.AB_TEST_EVENTS.topicName(), hour.toString(), 1, 0, 0,
                List.of(), Map.of(), Instant.now().toString());
        Path file = lake.resolve(LakeLayout.manifest(Topic.AB_TEST_EVENTS, hour));
        Files.createDirectories(file.getParent());
        Files.write(file, manifest.toJson());
    }

    /** {@code setsid java ... lens backfill}: its own process group (pgid = pid), like a shell's foreground job. */
    private static Process startBackfill(Path workdir, Path log) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(SETSID.toString());
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(JavaModuleOptions.defaultModuleOptionArray()));
        command.add("-Xmx1g");
        command.add("-Dlens.batch.backfill-input-timeout=1s");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Lens.class.getName());
        command.addAll(List.of("backfill", "--workdir", workdir.toString(), "--bootstrap-servers",
                broker.bootstrapServers(), "--job", "ab-report", "--from", FROM, "--to", TO, "--parallel", "1",
                "--launcher", "spark-submit"));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Waits until the first hour's spark-submit driver has started Spark (its driver log says so). */
    private static void awaitDriverRunning(Path workdir, Process child, Path log) throws Exception {
        Path driverLogs = workdir.resolve("logs").resolve("spark-submit").resolve("ab-report");
        long deadline = System.currentTimeMillis() + 180_000;
        while (System.currentTimeMillis() < deadline) {
            if (!child.isAlive()) {
                throw new AssertionError("the backfill exited before the signal; see " + log);
            }
            if (Files.isDirectory(driverLogs)) {
                try (Stream<Path> files = Files.walk(driverLogs)) {
                    boolean running = files.filter(p -> p.getFileName().toString().equals("driver.log"))
                            .anyMatch(BackfillCtrlCTest::sparkStarted);
                    if (running) {
                        return;
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no spark-submit driver started in the backfill; see " + log);
    }

    private static boolean sparkStarted(Path driverLog) {
        try {
            return Files.readString(driverLog, StandardCharsets.UTF_8).contains("Running Spark version");
        } catch (java.io.IOException | java.io.UncheckedIOException notYet) {
            return false;
        }
    }
}
