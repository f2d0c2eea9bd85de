package lens.batch.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import lens.batch.hourly.StepNames;
import lens.batch.hourly.WindowParameters;
import lens.batch.store.DataSourceConfiguration;
import lens.batch.support.Await;
import lens.batch.support.BatchTestContext;
import lens.batch.support.HourCountJob;
import lens.batch.support.PausedRunMain;
import lens.batch.support.TestApps;
import lens.batch.support.TestBroker;
import lens.batch.support.TestLake;
import lens.batch.support.TestPostgres;
import lens.events.EventHour;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * SIGKILL a scheduler JVM while its run is mid-way; the next process recovers the run and completes it. On the
 * embedded H2 store and on PostgreSQL (the clustered store, where the next process is another node).
 */
@Tag("slow")
class KilledRunRecoveryTest {

    static final EventHour HOUR = EventHour.parse("2026-08-01T05");

    @Test
    void givenARunWhoseJvmWasKilled_whenAnotherProcessStarts_thenTheRunIsRecoveredCompletedAndPublishedOnce()
            throws Exception {
        Path workdir = BatchTestContext.newWorkdir();
        killMidRunThenRecover(workdir, new Store(DataSourceConfiguration.h2FileUrl(workdir) + ";IFEXISTS=TRUE", "sa",
                Map.of()), HOUR);
    }

    @Test
    void givenPostgres_whenANodeIsKilledMidRun_thenAnotherNodeRecoversCompletesAndPublishesOnce() throws Exception {
        try (TestPostgres postgres = TestPostgres.schemaOrSkip()) {
            // another hour: model-metrics is shared by the test classes of this JVM
            killMidRunThenRecover(BatchTestContext.newWorkdir(), new Store(postgres.url(), postgres.user(),
                    Map.of("lens.db.url", postgres.url(), "lens.db.username", postgres.user())), HOUR.plusHours(1));
        }
    }

    /** Where the job repository is, for the child, the recovering process and this test's polling. */
    private record Store(String jdbcUrl, String user, Map<String, Object> properties) {
    }

    private static void killMidRunThenRecover(Path workdir, Store store, EventHour hour) throws Exception {
        new TestLake(workdir.resolve("lake")).landHour(hour, 12, 3);
        Process child = startChild(workdir, store, hour);
        try {
            awaitStepStarted(workdir, store, StepNames.PUBLISH_SUMMARY, child);
        } finally {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: no shutdown hooks, no cleanup
        }
        assertThat(child.exitValue()).isEqualTo(137);

        Map<String, Object> recovery = new java.util.HashMap<>(store.properties());
        recovery.putAll(Map.of(
                "lens.batch.jobs", HourCountJob.COUNT,
                "lens.batch.recovery.restart", "true",
                "lens.batch.recovery.heartbeat", "1s",
                "lens.batch.recovery.node-timeout", "4s",
                "lens.batch.recovery.scan-interval", "1s"));
        try (ConfigurableApplicationContext next = TestApps.start(workdir, null, recovery)) {
            JobRepository repository = next.getBean(JobRepository.class);
            Await.until(() -> latestStatus(repository, hour) == BatchStatus.COMPLETED, 240_000);

            JobInstance instance = repository.getJobInstance(HourCountJob.COUNT, WindowParameters.identity(hour, 1));
            List<JobExecution> executions = new ArrayList<>(repository.getJobExecutions(instance));
            assertThat(executions).extracting(JobExecution::getStatus)
                    .containsExactlyInAnyOrder(BatchStatus.FAILED, BatchStatus.COMPLETED);
            assertThat(repository.getStepExecutionCount(instance, StepNames.RUN_SPARK)).isEqualTo(1);
            assertThat(repository.getStepExecutionCount(instance, StepNames.PUBLISH_SUMMARY)).isEqualTo(2);
        }
        assertThat(TestBroker.modelMetrics(HourCountJob.COUNT).stream()
                .filter(p -> p.metric().window().equals(hour.toString()))).hasSize(1);
    }

    static BatchStatus latestStatus(JobRepository repository, EventHour hour) {
        JobInstance instance = repository.getJobInstance(HourCountJob.COUNT, WindowParameters.identity(hour, 1));
        JobExecution last = instance == null ? null : repository.getLastJobExecution(instance);
        return last == null ? null : last.getStatus();
    }

    private static Process startChild(Path workdir, Store store, EventHour hour) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(JavaModuleOptions.defaultModuleOptionArray()));
        command.add("-Xmx1g");
        store.properties().forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(PausedRunMain.class.getName());
        command.add(workdir.toString());
        command.add(TestBroker.bootstrapServers());
        command.add(hour.id());
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(workdir.resolve("child.log").toFile()).start();
    }

    /** Polls the child's store (H2's AUTO_SERVER lets a second process in) until the step is running. */
    private static void awaitStepStarted(Path workdir, Store store, String step, Process child) throws Exception {
        long deadline = System.currentTimeMillis() + 240_000;
        while (System.currentTimeMillis() < deadline) {
            if (!child.isAlive()) {
                throw new AssertionError("the child JVM exited early; see " + workdir.resolve("child.log"));
            }
            try (Connection connection = DriverManager.getConnection(store.jdbcUrl(), store.user(), "");
                 ResultSet rs = connection.createStatement().executeQuery(
                         "SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE STEP_NAME = '" + step
                                 + "' AND STATUS = 'STARTED'")) {
                if (rs.next() && rs.getInt(1) > 0) {
                    return;
                }
            } catch (SQLException notYet) {
                // the child has not created the store yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("step " + step + " never started in the child; see " + workdir.resolve("child.log"));
    }
}
