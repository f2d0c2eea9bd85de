package lens.batch.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import lens.batch.hourly.WindowParameters;
import lens.batch.runs.WindowRunner;
import lens.batch.support.Await;
import lens.batch.support.BatchTestContext;
import lens.batch.support.HourCountJob;
import lens.batch.support.TestApps;
import lens.batch.support.TestBroker;
import lens.batch.support.TestLake;
import lens.events.EventHour;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.ConfigurableApplicationContext;

/** Quartz on the H2 store, started with a clock five hours after the scheduler's last run. */
class DowntimeCatchUpTest {

    static final EventHour H0 = EventHour.parse("2026-10-01T00");
    static final List<String> JOBS = List.of(HourCountJob.COUNT, HourCountJob.RATE, HourCountJob.RETRAIN);

    @Test
    void givenFiveHoursOfDowntime_whenTheSchedulerStarts_thenEveryHourOfAggregationAndReportRunsOnce_andRetrainOnce() {
        Path workdir = BatchTestContext.newWorkdir();
        TestLake lake = new TestLake(workdir.resolve("lake"));
        for (int h = 0; h <= 5; h++) {
            lake.landHour(H0.plusHours(h), 10 + h, h);
        }
        Clock lastRun = Clock.fixed(H0.end().plus(Duration.ofMinutes(11)), ZoneOffset.UTC);
        Map<String, Object> scheduler = Map.of("lens.schedule.enabled", "true",
                "lens.batch.jobs", String.join(",", JOBS), "lens.batch.parallelism", "2");

        try (ConfigurableApplicationContext node = TestApps.start(workdir, lastRun, scheduler)) {
            JobRepository repository = node.getBean(JobRepository.class);
            awaitTrue(() -> JOBS.stream().allMatch(job -> completed(repository, job, H0)));
        }
        Clock fiveHoursLater = Clock.offset(lastRun, Duration.ofHours(5));
        try (ConfigurableApplicationContext node = TestApps.start(workdir, fiveHoursLater, scheduler)) {
            JobRepository repository = node.getBean(JobRepository.class);
            awaitTrue(() -> completed(repository, HourCountJob.COUNT, H0.plusHours(5))
                    && completed(repository, HourCountJob.RATE, H0.plusHours(5))
                    && completed(repository, HourCountJob.RETRAIN, H0.plusHours(5)));
            WindowRunner runner = node.getBean(WindowRunner.class);

            for (String job : List.of(HourCountJob.COUNT, HourCountJob.RATE)) {
                assertThat(windowsRun(runner, job)).as(job).containsExactly(
                        H0, H0.plusHours(1), H0.plusHours(2), H0.plusHours(3), H0.plusHours(4), H0.plusHours(5));
            }
            assertThat(windowsRun(runner, HourCountJob.RETRAIN)).containsExactly(H0, H0.plusHours(5));
            for (int h = 0; h <= 5; h++) {
                assertThat(runner.latestVersion(HourCountJob.COUNT, H0.plusHours(h))).isEqualTo(1);
            }
        }
        List<TestBroker.Published> published = TestBroker.modelMetrics(JOBS.toArray(String[]::new)).stream()
                .filter(p -> p.metric().window().startsWith("2026-10-01T0")).toList();
        assertThat(published.stream().filter(p -> p.metric().source().equals(HourCountJob.COUNT))).hasSize(6);
        assertThat(published.stream().filter(p -> p.metric().source().equals(HourCountJob.RATE))).hasSize(6);
        assertThat(published.stream().filter(p -> p.metric().source().equals(HourCountJob.RETRAIN))).hasSize(2);
    }

    static TreeSet<EventHour> windowsRun(WindowRunner runner, String job) {
        TreeSet<EventHour> windows = new TreeSet<>();
        for (int h = -3; h <= 8; h++) {
            if (runner.latestVersion(job, H0.plusHours(h)) > 0) {
                windows.add(H0.plusHours(h));
            }
        }
        return windows;
    }

    static boolean completed(JobRepository repository, String job, EventHour hour) {
        JobInstance instance = repository.getJobInstance(job, WindowParameters.identity(hour, 1));
        return instance != null && repository.getLastJobExecution(instance) != null
                && repository.getLastJobExecution(instance).getStatus() == BatchStatus.COMPLETED;
    }

    static void awaitTrue(BooleanSupplier condition) {
        Await.until(condition, 240_000);
    }
}
