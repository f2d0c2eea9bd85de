package lens.batch.hourly;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import lens.batch.publish.PublicationLedger;
import lens.batch.runs.RunMode;
import lens.batch.runs.RunOutcome;
import lens.batch.runs.RunStatus;
import lens.batch.runs.WindowRunner;
import lens.batch.support.BatchTestContext;
import lens.batch.support.HourCountJob;
import lens.batch.support.TestBroker;
import lens.batch.support.TestLake;
import lens.events.EventHour;
import lens.events.LakeLayout;
import lens.trainer.job.JobResult;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class HourlyJobTest extends BatchTestContext {

    @Autowired
    WindowRunner runner;
    @Autowired
    PublicationLedger ledger;

    final TestLake lake = lake();

    @Test
    void givenACompleteHour_whenItsJobRuns_thenTheSummaryIsWrittenValidatedAndPublishedOnceKeyedByJobAndWindow()
            throws Exception {
        EventHour hour = EventHour.parse("2026-11-01T08");
        lake.landHour(hour, 30, 6);

        RunOutcome outcome = runner.run(HourCountJob.COUNT, hour, RunMode.ONCE, "test", Duration.ZERO);

        assertThat(outcome.status()).as(outcome.message()).isEqualTo(RunStatus.COMPLETED);
        assertThat(outcome.version()).isEqualTo(1);
        JobResult summary = JobResult.fromJson(Files.readAllBytes(
                lake.root().resolve(LakeLayout.summary(HourCountJob.COUNT, hour))));
        assertThat(summary.metrics()).containsEntry("rows", 36.0).containsEntry("conversion_count", 6.0);
        List<TestBroker.Published> published = forHour(HourCountJob.COUNT, hour);
        assertThat(published).hasSize(1);
        TestBroker.Published message = published.get(0);
        assertThat(message.key()).isEqualTo("hour-count|2026-11-01T08:00Z");
        assertThat(message.metric().source()).isEqualTo(HourCountJob.COUNT);
        assertThat(message.metric().window()).isEqualTo("2026-11-01T08:00Z");
        assertThat(message.metric().version()).isEqualTo(1);
        assertThat(message.metric().metrics()).isEqualTo(summary.metrics());
        assertThat(JobResult.fromJson(message.metric().summary().getBytes()).metrics()).isEqualTo(summary.metrics());
    }

    @Test
    void givenACompletedWindow_whenRunAgain_thenItIsSkippedAndNothingIsPublished() {
        EventHour hour = EventHour.parse("2026-11-01T09");
        lake.landHour(hour, 10, 1);
        RunOutcome first = runner.run(HourCountJob.COUNT, hour, RunMode.ONCE, "test", Duration.ZERO);

        RunOutcome second = runner.run(HourCountJob.COUNT, hour, RunMode.ONCE, "test", Duration.ZERO);

        assertThat(first.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(second.status()).isEqualTo(RunStatus.SKIPPED);
        assertThat(second.executionId()).isEqualTo(first.executionId());
        assertThat(forHour(HourCountJob.COUNT, hour)).hasSize(1);
    }

    @Test
    void givenANewVersionWithTheSameInput_whenRun_thenItCompletesButPublishesNothingNew() {
        EventHour hour = EventHour.parse("2026-11-01T10");
        lake.landHour(hour, 12, 2);
        runner.run(HourCountJob.COUNT, hour, RunMode.ONCE, "test", Duration.ZERO);

        RunOutcome rerun = runner.run(HourCountJob.COUNT, hour, RunMode.NEW_VERSION, "test", Duration.ZERO);

        assertThat(rerun.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(rerun.version()).isEqualTo(2);
        assertThat(ledger.find(HourCountJob.COUNT, hour.id(), 2).orElseThrow().state())
                .isEqualTo(PublicationLedger.State.UNCHANGED);
        assertThat(forHour(HourCountJob.COUNT, hour)).extracting(p -> p.metric().version()).containsExactly(1);
    }

    @Test
    void givenLateEventsForACompleteHour_whenRerunAsANewVersion_thenVersionTwoIsPublishedWithTheNewCounts() {
        EventHour hour = EventHour.parse("2026-11-01T11");
        lake.landHour(hour, 20, 4);
        runner.run(HourCountJob.COUNT, hour, RunMode.ONCE, "test", Duration.ZERO);
        lake.landLate(hour, 3);

        RunOutcome rerun = runner.run(HourCountJob.COUNT, hour, RunMode.NEW_VERSION, "late-data", Duration.ZERO);

        assertThat(rerun.status()).isEqualTo(RunStatus.COMPLETED);
        List<TestBroker.Published> published = forHour(HourCountJob.COUNT, hour);
        assertThat(published).extracting(p -> p.metric().version()).containsExactly(1, 2);
        assertThat(published.get(1).metric().metrics()).containsEntry("rows", 27.0).containsEntry("conversion_count", 7.0);
        assertThat(published.get(1).key()).isEqualTo(published.get(0).key());
        assertThat(published.get(1).partition()).isEqualTo(published.get(0).partition());
    }

    @Test
    void givenAnHourWithoutManifest_whenTheWaitTimesOut_thenTheRunFailsSayingWhichManifestIsMissing() {
        EventHour hour = EventHour.parse("2026-11-01T12");
        lake.landIncomplete(hour, 5);

        RunOutcome outcome = runner.run(HourCountJob.COUNT, hour, RunMode.ONCE, "test", Duration.ofMillis(300));

        assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
        assertThat(outcome.message()).contains("not complete after PT0.3S")
                .contains("topic=ab-test-events/date=2026-11-01/hour=12/_MANIFEST.json");
        assertThat(forHour(HourCountJob.COUNT, hour)).isEmpty();
    }

    static List<TestBroker.Published> forHour(String job, EventHour hour) {
        return TestBroker.modelMetrics(job).stream()
                .filter(p -> hour.toString().equals(p.metric().window()))
                .sorted(java.util.Comparator.comparing(p -> p.metric().version()))
                .toList();
    }
}
