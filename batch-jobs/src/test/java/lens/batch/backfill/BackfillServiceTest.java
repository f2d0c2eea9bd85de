package lens.batch.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import lens.batch.runs.RunOutcome;
import lens.batch.runs.RunStatus;
import lens.batch.support.BatchTestContext;
import lens.batch.support.HourCountJob;
import lens.batch.support.TestBroker;
import lens.events.EventHour;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class BackfillServiceTest extends BatchTestContext {

    @Autowired
    BackfillService backfill;

    @Test
    void givenADayOfCompleteHours_whenBackfilledTwice_thenEveryHourCompletesOnceAndTheSecondInvocationDoesNoWork() {
        EventHour from = EventHour.parse("2026-11-12T00");
        EventHour to = EventHour.parse("2026-11-12T23");
        for (EventHour hour = from; hour.compareTo(to) <= 0; hour = hour.plusHours(1)) {
            lake().landHour(hour, 10 + hour.hourOfDay(), 2);
        }
        List<String> progress = new ArrayList<>();

        BackfillReport first = backfill.backfill(List.of("all"), from, to, 2, false,
                (done, total, outcome) -> progress.add(done + "/" + total));
        BackfillReport second = backfill.backfill(List.of("all"), from, to, 2, false, ProgressListener.NONE);

        // 24 hours x 2 jobs
        assertThat(first.rows()).hasSize(48);
        assertThat(first.count(RunStatus.COMPLETED)).as(first.table()).isEqualTo(48);
        assertThat(first.rows()).extracting(RunOutcome::window).isSorted();
        assertThat(progress).hasSize(48).last().isEqualTo("48/48");
        assertThat(second.count(RunStatus.SKIPPED)).as(second.table()).isEqualTo(48);
        assertThat(second.allDone()).isTrue();
        long published = TestBroker.modelMetrics(HourCountJob.COUNT, HourCountJob.RATE).stream()
                .filter(p -> p.metric().window().compareTo(from.toString()) >= 0
                        && p.metric().window().compareTo(to.toString()) <= 0).count();
        assertThat(published).isEqualTo(48);
    }

    @Test
    void givenForce_whenBackfilledAgain_thenEachWindowGetsANewVersionThatPublishesNothingWhenUnchanged() {
        EventHour hour = EventHour.parse("2026-11-04T10");
        lake().landHour(hour, 8, 1);
        backfill.backfill(List.of(HourCountJob.COUNT), hour, hour, 1, false, ProgressListener.NONE);

        BackfillReport forced = backfill.backfill(List.of(HourCountJob.COUNT), hour, hour, 1, true,
                ProgressListener.NONE);

        assertThat(forced.rows()).singleElement().satisfies(row -> {
            assertThat(row.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(row.version()).isEqualTo(2);
        });
        assertThat(TestBroker.modelMetrics(HourCountJob.COUNT).stream()
                .filter(p -> p.metric().window().equals(hour.toString()))).hasSize(1);
    }

    @Test
    void givenAnHourWithoutInput_whenBackfilled_thenThatRowFailsAndTheOthersComplete() {
        EventHour complete = EventHour.parse("2026-11-04T20");
        lake().landHour(complete, 5, 1);

        BackfillReport report = backfill.backfill(List.of(HourCountJob.COUNT), complete, complete.plusHours(1), 1,
                false, ProgressListener.NONE);

        assertThat(report.rows()).extracting(RunOutcome::status).containsExactly(RunStatus.COMPLETED, RunStatus.FAILED);
        assertThat(report.rows().get(1).message()).contains("_MANIFEST.json");
        assertThat(report.table()).contains("2026-11-04T21:00Z").contains("FAILED");
    }

    @Test
    void givenAStopAfterTheFirstRun_whenBackfilledAgain_thenTheSecondInvocationContinuesWhereTheFirstStopped() {
        EventHour from = EventHour.parse("2026-11-06T00");
        EventHour to = from.plusHours(3);
        for (EventHour hour = from; hour.compareTo(to) <= 0; hour = hour.plusHours(1)) {
            lake().landHour(hour, 6, 1);
        }

        BackfillReport stopped = backfill.backfill(List.of(HourCountJob.COUNT), from, to, 1, false,
                (done, total, outcome) -> backfill.stop());
        BackfillReport resumed = backfill.backfill(List.of(HourCountJob.COUNT), from, to, 1, false,
                ProgressListener.NONE);

        assertThat(stopped.stopped()).isTrue();
        assertThat(stopped.count(RunStatus.COMPLETED)).isEqualTo(1);
        assertThat(stopped.count(RunStatus.NOT_RUN)).isEqualTo(3);
        assertThat(resumed.stopped()).isFalse();
        assertThat(resumed.rows()).extracting(RunOutcome::status).containsExactly(RunStatus.SKIPPED,
                RunStatus.COMPLETED, RunStatus.COMPLETED, RunStatus.COMPLETED);
    }

    @Test
    void givenAnUnknownJob_whenBackfilled_thenItIsRefusedNamingTheConfiguredJobs() {
        assertThatThrownBy(() -> backfill.backfill(List.of("nope"), EventHour.parse("2026-11-04T00"),
                EventHour.parse("2026-11-04T00"), 1, false, ProgressListener.NONE))
                .hasMessageContaining("unknown job 'nope'").hasMessageContaining(HourCountJob.COUNT);
    }
}
