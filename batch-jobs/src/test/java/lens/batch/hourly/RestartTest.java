package lens.batch.hourly;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import lens.batch.runs.RunMode;
import lens.batch.runs.RunOutcome;
import lens.batch.runs.RunStatus;
import lens.batch.runs.WindowRunner;
import lens.batch.support.BatchTestContext;
import lens.batch.support.HourCountJob;
import lens.events.EventHour;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = {
        "lens.batch.fault-injection.fail-once-at=publish-summary",
        "lens.batch.fault-injection.jobs=rate-report"})
class RestartTest extends BatchTestContext {

    @Autowired
    WindowRunner runner;
    @Autowired
    JobRepository repository;

    @Test
    void givenAPublishStepThatFailsOnce_whenTheWindowIsRunAgain_thenItResumesAtThatStepWithoutRecomputingAndPublishesOnce()
            throws Exception {
        EventHour hour = EventHour.parse("2026-11-02T08");
        lake().landHour(hour, 40, 10);

        RunOutcome failed = runner.run(HourCountJob.RATE, hour, RunMode.ONCE, "test", Duration.ZERO);
        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(failed.message()).contains("injected fault: step publish-summary");
        assertThat(HourlyJobTest.forHour(HourCountJob.RATE, hour)).as("nothing published by the failed run").isEmpty();

        RunOutcome restarted = runner.run(HourCountJob.RATE, hour, RunMode.ONCE, "test", Duration.ZERO);


        assertThat(restarted.status()).as(restarted.message()).isEqualTo(RunStatus.COMPLETED);
        assertThat(restarted.version()).isEqualTo(1);
        assertThat(restarted.executionId()).isNotEqualTo(failed.executionId());
        JobInstance instance = repository.getJobInstance(HourCountJob.RATE, WindowParameters.identity(hour, 1));
        assertThat(repository.getJobExecutions(instance)).hasSize(2);
        assertThat(repository.getStepExecutionCount(instance, StepNames.AWAIT_INPUT)).isEqualTo(1);
        assertThat(repository.getStepExecutionCount(instance, StepNames.RUN_SPARK)).isEqualTo(1);
        assertThat(repository.getStepExecutionCount(instance, StepNames.VALIDATE_RESULT)).isEqualTo(1);
        assertThat(repository.getStepExecutionCount(instance, StepNames.PUBLISH_SUMMARY)).isEqualTo(2);
        assertThat(HourlyJobTest.forHour(HourCountJob.RATE, hour)).singleElement()
                .satisfies(p -> assertThat(p.metric().metrics()).containsEntry("conversion_rate", 0.2));
    }

    @Test
    void givenTheFaultIsLimitedToOneJob_whenAnotherJobRuns_thenItCompletesFirstTime() {
        EventHour hour = EventHour.parse("2026-11-02T09");
        lake().landHour(hour, 5, 1);

        RunOutcome outcome = runner.run(HourCountJob.COUNT, hour, RunMode.ONCE, "test", Duration.ZERO);

        assertThat(outcome.status()).isEqualTo(RunStatus.COMPLETED);
    }
}
