package lens.cli.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lens.batch.store.DataSourceConfiguration;
import lens.broker.KafkaBroker;
import lens.cli.Lens;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C for real: a {@code lens backfill} JVM gets SIGINT while its first hour runs. It lets that hour finish,
 * starts no other, and exits; the same command run again takes up the hours it did not run. The lake is empty and
 * each run waits {@code lens.batch.backfill-input-timeout} for its input, which gives the signal time to land.
 */
@Tag("slow")
class BackfillCtrlCTest {

    private static final String FROM = "2026-11-20T00";
    private static final String TO = "2026-11-20T05";

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
    void givenARunningBackfill_whenItGetsSigint_thenTheRunningHourEndsNoOtherStarts_andARerunTakesUpTheRest()
            throws Exception {
        Path workdir = dir.resolve("work");
        Files.createDirectories(workdir);
        Path log = workdir.resolve("backfill.log");
        Process child = startBackfill(workdir, log);
        try {
            awaitFirstRunStarted(workdir, child, log);
            new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).start().waitFor(10, TimeUnit.SECONDS);
            assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("exited after SIGINT; see %s", log).isTrue();
        } finally {
            child.destroyForcibly();
        }
        String firstOutput = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(firstOutput).contains("stopping: running hours finish, no new ones start")
                .contains("0 completed, 0 skipped (done before), 1 failed, 5 not run");

        System.setProperty("lens.batch.backfill-input-timeout", "1s");
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        try {
            BackfillCommand command = new BackfillCommand();
            command.out = new PrintStream(again, true);
            command.err = new PrintStream(new ByteArrayOutputStream(), true);
            new picocli.CommandLine(command).execute("--workdir", workdir.toString(), "--bootstrap-servers",
                    broker.bootstrapServers(), "--job", "ab-report", "--from", FROM, "--to", TO, "--parallel", "1");
        } finally {
            System.clearProperty("lens.batch.backfill-input-timeout");
        }
        // every hour is attempted again (none completed: the lake is empty), none is left unrun
        assertThat(again.toString()).contains("0 completed, 0 skipped (done before), 6 failed, 0 not run");
    }

    private static Process startBackfill(Path workdir, Path log) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(JavaModuleOptions.defaultModuleOptionArray()));
        command.add("-Xmx1g");
        command.add("-Dlens.batch.backfill-input-timeout=20s");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Lens.class.getName());
        command.addAll(List.of("backfill", "--workdir", workdir.toString(), "--bootstrap-servers",
                broker.bootstrapServers(), "--job", "ab-report", "--from", FROM, "--to", TO, "--parallel", "1"));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Polls the child's H2 store (AUTO_SERVER lets this process in) until a job execution is running. */
    private static void awaitFirstRunStarted(Path workdir, Process child, Path log) throws Exception {
        String url = DataSourceConfiguration.h2FileUrl(workdir) + ";IFEXISTS=TRUE";
        long deadline = System.currentTimeMillis() + 180_000;
        while (System.currentTimeMillis() < deadline) {
            if (!child.isAlive()) {
                throw new AssertionError("the backfill exited before the signal; see " + log);
            }
            try (Connection connection = DriverManager.getConnection(url, "sa", "");
                 ResultSet rs = connection.createStatement().executeQuery(
                         "SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE STATUS = 'STARTED'")) {
                if (rs.next() && rs.getInt(1) > 0) {
                    return;
                }
            } catch (SQLException notYet) {
                // the child has not created its store yet
            }
            Thread.sleep(300);
        }
        throw new AssertionError("no run started in the backfill; see " + log);
    }
}
