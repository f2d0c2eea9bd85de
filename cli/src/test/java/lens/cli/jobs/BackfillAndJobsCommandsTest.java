package lens.cli.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lens.broker.KafkaBroker;
import lens.cli.backfill.BackfillCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The commands wired to the batch application on a real broker and H2 store. The lake is empty, so every run
 * fails at await-input, which is what status and restart are about.
 */
class BackfillAndJobsCommandsTest {

    @TempDir
    static Path workdir;

    static KafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.start(workdir.resolve("kafka"));
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void givenHoursWithoutInput_whenBackfilled_thenTheTableShowsFailures_statusListsThem_andRestartRetriesOne() {
        ByteArrayOutputStream backfillOut = new ByteArrayOutputStream();
        BackfillCommand backfill = new BackfillCommand();
        CommandLine backfillLine = new CommandLine(backfill);
        setOut(backfill, backfillOut);

        int backfillExit = backfillLine.execute("--workdir", workdir.toString(), "--bootstrap-servers",
                broker.bootstrapServers(), "--job", "ab-report", "--from", "2026-11-20T00", "--to", "2026-11-20T01");

        assertThat(backfillExit).isEqualTo(1);
        assertThat(backfillOut.toString()).contains("2026-11-20T00:00Z", "2026-11-20T01:00Z", "ab-report", "FAILED")
                .contains("0 completed, 0 skipped (done before), 2 failed");

        JobsStatusCommand status = new JobsStatusCommand();
        ByteArrayOutputStream statusOut = new ByteArrayOutputStream();
        status.out = new PrintStream(statusOut, true);
        int statusExit = new CommandLine(status).execute("--workdir", workdir.toString(), "--failed");

        assertThat(statusExit).isZero();
        assertThat(statusOut.toString()).contains("await-input").contains("_MANIFEST.json")
                .contains("2 run(s) shown, 2 failed");
        Matcher execution = Pattern.compile("(?m)^\\s+(\\d+)\\s+ab-report").matcher(statusOut.toString());
        assertThat(execution.find()).isTrue();

        JobsRestartCommand restart = new JobsRestartCommand();
        ByteArrayOutputStream restartOut = new ByteArrayOutputStream();
        restart.out = new PrintStream(restartOut, true);
        int restartExit = new CommandLine(restart).execute("--workdir", workdir.toString(), "--bootstrap-servers",
                broker.bootstrapServers(), execution.group(1));

        assertThat(restartExit).isEqualTo(1);
        assertThat(restartOut.toString()).contains("ab-report").contains("FAILED").contains("not complete");
    }

    private static void setOut(BackfillCommand command, ByteArrayOutputStream out) {
        try {
            var field = BackfillCommand.class.getDeclaredField("out");
            field.setAccessible(true);
            field.set(command, new PrintStream(out, true));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
