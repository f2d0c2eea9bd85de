package lens.batch.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lens.batch.hourly.ResultValidator;
import lens.batch.support.TestLake;
import lens.events.EventHour;
import lens.events.LakeLayout;
import lens.trainer.cluster.LocalStandaloneCluster;
import lens.trainer.job.JobRequest;
import lens.trainer.job.JobResult;
import lens.trainer.job.SparkJobs;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spark-submit launcher against a real Spark standalone master and worker on loopback (spark-trainer's
 * {@link LocalStandaloneCluster}), submitting the thin trainer jar with the production entry point.
 */
@Tag("slow")
@DisabledIfSystemProperty(named = "skipClusterTests", matches = "true", disabledReason = "-DskipClusterTests=true")
class SparkSubmitLauncherClusterTest {

    private static final EventHour HOUR = EventHour.parse("2026-11-05T07");
    private static final String JOB = SparkJobs.AB_REPORT;

    @TempDir
    Path workdir;

    @Test
    void givenAStandaloneCluster_whenTheAbReportOfAnHourIsSubmitted_thenItsIdDriverLogAndValidOutputAreCaptured()
            throws Exception {
        TestLake clusterLake = new TestLake(workdir.resolve("cluster-lake"));
        clusterLake.landHour(HOUR, 40, 8);
        TestLake localLake = new TestLake(workdir.resolve("local-lake"));
        localLake.landHour(HOUR, 40, 8);
        LaunchOutcome reference = new InProcessSparkLauncher(new SharedSparkSession("local[2]", Map.of()))
                .launch(JOB, request(localLake));

        LaunchOutcome outcome;
        List<String> applicationsOnTheWorker;
        String masterUrl;
        try (LocalStandaloneCluster cluster = LocalStandaloneCluster.start(workdir.resolve("cluster"))) {
            masterUrl = cluster.masterUrl();
            SparkSubmitLauncher launcher = new SparkSubmitLauncher(command(masterUrl), workdir.resolve("logs"),
                    Duration.ofMinutes(8), Duration.ofMinutes(1));
            // launch returns only when spark-submit exited with status 0; any other status throws with it
            outcome = launcher.launch(JOB, request(clusterLake));
            applicationsOnTheWorker = cluster.applications();
        }

        assertThat(outcome.applicationId()).matches("app-\\d{14}-\\d{4,}");
        assertThat(applicationsOnTheWorker).as("applications whose executors ran on the worker")
                .containsExactly(outcome.applicationId());
        Path driverLog = Path.of(outcome.driverLog());
        assertThat(driverLog).startsWith(workdir.resolve("logs").resolve(JOB));
        assertThat(Files.readString(driverLog)).contains(masterUrl).contains(outcome.applicationId())
                .contains("LENS_JOB_RESULT");

        JobResult result = outcome.result();
        assertThat(ResultValidator.problems(JOB, HOUR, result)).isEmpty();
        JobResult written = JobResult.fromJson(
                Files.readAllBytes(clusterLake.root().resolve(LakeLayout.summary(JOB, HOUR))));
        assertThat(written.metrics()).isEqualTo(result.metrics());
        assertThat(result.metrics().keySet()).isEqualTo(reference.result().metrics().keySet());
        // sums over other partitionings may differ in the last bits
        reference.result().metrics().forEach((name, value) -> assertThat(result.metrics().get(name)).as(name)
                .isCloseTo(value, within(1e-9 * Math.max(1, Math.abs(value)))));
    }

    private JobRequest request(TestLake lake) {
        return new JobRequest(lake.root().toString(), workdir.toString(), HOUR, Map.of());
    }

    /** The production entry point of the thin jar; the driver is a child JVM bound to loopback. */
    private static SubmitCommand command(String master) {
        Path jar = LauncherConfiguration.findThinJar(Path.of("").toAbsolutePath()).orElseThrow(() ->
                new IllegalStateException("spark-trainer's -spark-submit jar is not built (run with -am ... verify)"));
        List<String> jvm = new ArrayList<>(List.of(JavaModuleOptions.defaultModuleOptionArray()));
        jvm.add("-Xmx512m");
        return new SubmitCommand(Path.of(System.getProperty("java.home")), null,
                System.getProperty("java.class.path"), jvm, master, "client", "lens.trainer.SparkJobMain", jar,
                Map.of("spark.driver.host", "127.0.0.1", "spark.driver.bindAddress", "127.0.0.1",
                        "spark.ui.enabled", "false", "spark.executor.memory", "1g", "spark.cores.max", "2",
                        "spark.sql.shuffle.partitions", "2"));
    }
}
