package lens.batch.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import lens.batch.backfill.BackfillReport;
import lens.batch.backfill.BackfillService;
import lens.batch.backfill.ProgressListener;
import lens.batch.hourly.RunContext;
import lens.batch.ops.LagProbe;
import lens.batch.runs.RunOutcome;
import lens.batch.runs.RunStatus;
import lens.batch.runs.WindowRunner;
import lens.batch.support.BatchTestContext;
import lens.batch.support.TestApps;
import lens.batch.support.TestBroker;
import lens.batch.support.TestLake;
import lens.events.EventHour;
import lens.events.LakeLayout;
import lens.trainer.job.JobResult;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real {@code serving-metrics-daily} job after real {@code serving-metrics} runs on a small lake: two hours of
 * serving traffic at the end of a day (the other 22 hours had no events, so no manifests).
 */
class DailyRollupTest {

    static final String HOURLY = "serving-metrics";
    static final String DAILY = "serving-metrics-daily";
    static final EventHour DAY = EventHour.parse("2026-10-20T00");
    static final EventHour T22 = DAY.plusHours(22);
    static final EventHour T23 = DAY.plusHours(23);

    @Test
    void givenTwoHoursOfTraffic_whenBackfilledTwiceThenAnHourGetsLateData_thenTheDayRollsUpOnceThenAgain()
            throws Exception {
        Path workdir = BatchTestContext.newWorkdir();
        TestLake lake = new TestLake(workdir.resolve("lake"));
        lake.landServingHour(T22, 40);
        lake.landServingHour(T23, 30);
        // Half an hour into the next day: the day is due and within the late-data look-back.
        Clock clock = Clock.fixed(DAY.plusHours(24).start().plus(Duration.ofMinutes(30)), ZoneOffset.UTC);

        try (ConfigurableApplicationContext node = TestApps.start(workdir, clock,
                Map.of("lens.batch.jobs", HOURLY + "," + DAILY))) {
            BackfillService backfill = node.getBean(BackfillService.class);
            BackfillReport first = backfill.backfill(List.of("all"), T22, T23, 2, false, ProgressListener.NONE);
            BackfillReport second = backfill.backfill(List.of("all"), T22, T23, 2, false, ProgressListener.NONE);

            assertThat(first.rows()).as(first.table())
                    .extracting(RunOutcome::job, RunOutcome::window, RunOutcome::status)
                    .containsExactly(tuple(HOURLY, T22, RunStatus.COMPLETED), tuple(HOURLY, T23, RunStatus.COMPLETED),
                            tuple(DAILY, DAY, RunStatus.COMPLETED));
            assertThat(second.rows()).as(second.table()).hasSize(3)
                    .allSatisfy(row -> assertThat(row.status()).isEqualTo(RunStatus.SKIPPED));
            JobResult day = JobResult.fromJson(Files.readAllBytes(
                    lake.root().resolve(LakeLayout.summary(DAILY, DAY))));
            assertThat(day.metrics()).containsEntry("requests", 70.0).containsEntry("hours", 2.0);
            assertThat((List<?>) day.details().get("missingHours")).hasSize(22);
            assertThat((List<?>) day.details().get("incompleteHours")).isEmpty();
            assertThat(published()).extracting(m -> m.version(), m -> m.metrics().get("requests"))
                    .containsExactly(tuple(1, 70.0));
            assertThat(node.getBean(LagProbe.class).lagHours(DAILY)).as("the finished day is rolled up").isZero();

            lake.landLateServing(T22, 5);
            LateDataRerunner lateData = node.getBean(LateDataRerunner.class);
            List<RunOutcome> reruns = lateData.check();

            assertThat(reruns).extracting(RunOutcome::job, RunOutcome::window, RunOutcome::version,
                    RunOutcome::status).containsExactly(tuple(HOURLY, T22, 2, RunStatus.COMPLETED),
                    tuple(DAILY, DAY, 2, RunStatus.COMPLETED));
            WindowRunner runner = node.getBean(WindowRunner.class);
            assertThat(new RunContext(runner.lastExecution(DAILY, DAY, 2).orElseThrow()).inputRevisions())
                    .containsExactly(Map.entry(HOURLY + "@" + T22.id(), 2), Map.entry(HOURLY + "@" + T23.id(), 1));
            assertThat(published()).extracting(m -> m.version(), m -> m.metrics().get("requests"))
                    .containsExactly(tuple(1, 70.0), tuple(2, 75.0));
            assertThat(lateData.check()).as("the new version read the new upstream version").isEmpty();
        }
    }

    static List<lens.events.ModelMetric> published() {
        return TestBroker.modelMetrics(DAILY).stream().map(TestBroker.Published::metric)
                .filter(m -> m.window().equals(DAY.toString()))
                .sorted(java.util.Comparator.comparing(lens.events.ModelMetric::version)).toList();
    }
}
