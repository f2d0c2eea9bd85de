package lens.batch.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lens.batch.support.HourCountJob;
import lens.batch.support.TestJobsSubmitMain;
import lens.batch.support.TestLake;
import lens.batch.support.TestSpark;
import lens.events.EventHour;
import lens.events.LakeLayout;
import lens.trainer.job.JobRequest;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both launchers on the same real hour: a spark-submit child on local[2], and the shared in-process session. */
class SparkSubmitLauncherTest {

    static final EventHour HOUR = EventHour.parse("2026-11-05T07");

    @TempDir
    static Path workdir;

    static TestLake lake;

    @BeforeAll
    static void landAnHour() {
        HourCountJob.register();
        lake = new TestLake(workdir.resolve("lake"));
        lake.landHour(HOUR, 25, 5);
    }

    @Test
    void givenTheThinJarAndLocalMaster_whenAJobIsSubmitted_thenItsResultApplicationIdAndDriverLogAreCaptured()
            throws Exception {
        SparkSubmitLauncher launcher = new SparkSubmitLauncher(command("local[2]"), workdir.resolve("logs"),
                Duration.ofMinutes(5), Duration.ofMinutes(1));

        LaunchOutcome outcome = launcher.launch(HourCountJob.RATE, request());

        assertThat(outcome.result().metrics()).containsEntry("rows", 30.0).containsEntry("conversion_rate", 5.0 / 30.0);
        assertThat(outcome.applicationId()).matches("local-\\d+");
        assertThat(Path.of(outcome.driverLog())).exists();
        assertThat(Files.readString(Path.of(outcome.driverLog()))).contains("LENS_JOB_RESULT");
        assertThat(lake.root().resolve(LakeLayout.summary(HourCountJob.RATE, HOUR))).exists();
        assertThat(launcher.kind()).isEqualTo("spark-submit");

        LaunchOutcome inProcess = new InProcessSparkLauncher(new SharedSparkSession("local[2]", Map.of()))
                .launch(HourCountJob.RATE, request());
        assertThat(inProcess.result().metrics()).isEqualTo(outcome.result().metrics());
        assertThat(inProcess.applicationId()).isEqualTo(TestSpark.get().sparkContext().applicationId());
    }

    @Test
    void givenASubmissionThatFails_whenLaunched_thenTheExitStatusAndDriverLogAreInTheError() {
        SparkSubmitLauncher launcher = new SparkSubmitLauncher(command("local[1]"), workdir.resolve("logs"),
                Duration.ofMinutes(5), Duration.ofMinutes(1));
        // An option SparkJobMain cannot parse: it exits 2 before starting Spark.
        JobRequest bad = new JobRequest(lake.root().toString(), workdir.toString(), HOUR, Map.of("", "x"));

        assertThatThrownBy(() -> launcher.launch(HourCountJob.COUNT, bad))
                .isInstanceOf(SparkJobFailedException.class)
                .hasMessageContaining("exited with 2")
                .hasMessageContaining("driver log: " + workdir.resolve("logs").resolve(HourCountJob.COUNT));
    }

    @Test
    void givenALauncherClosedNormally_thenItsShutdownHookIsGone_soALongLivedJvmDoesNotGatherThem() {
        SparkSubmitLauncher launcher = new SparkSubmitLauncher(command("local[1]"), workdir.resolve("logs"),
                Duration.ofMinutes(5), Duration.ofMinutes(1));

        launcher.close();

        // removing a registered hook answers true; false means close() took it away already
        assertThat(Runtime.getRuntime().removeShutdownHook(launcher.shutdownHook())).isFalse();
    }

    private JobRequest request() {
        return new JobRequest(lake.root().toString(), workdir.toString(), HOUR, Map.of());
    }

    static SubmitCommand command(String master) {
        Path jar = LauncherConfiguration.findThinJar(Path.of("").toAbsolutePath()).orElseThrow(() ->
                new IllegalStateException("spark-trainer's -spark-submit jar is not built (run with -am ... verify)"));
        List<String> jvm = new ArrayList<>(List.of(JavaModuleOptions.defaultModuleOptionArray()));
        jvm.add("-Xmx512m");
        return new SubmitCommand(Path.of(System.getProperty("java.home")), null, System.getProperty("java.class.path"),
                jvm, master, "client", TestJobsSubmitMain.class.getName(), jar,
                Map.of("spark.ui.enabled", "false", "spark.sql.shuffle.partitions", "2"));
    }
}
