package lens.batch.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import lens.batch.config.Cadence;
import lens.batch.config.CatchUp;
import lens.events.EventHour;
import org.junit.jupiter.api.Test;

class CatchUpPlannerTest {

    static final EventHour DUE = EventHour.parse("2026-11-29T12");

    @Test
    void givenFiveMissedHours_whenPlannedEveryHour_thenEachRunsOnceOldestFirst() {
        assertThat(CatchUpPlanner.plan(CatchUp.EVERY_HOUR, Cadence.HOURLY, Optional.of(DUE.plusHours(-5)), DUE, 48))
                .containsExactly(DUE.plusHours(-4), DUE.plusHours(-3), DUE.plusHours(-2), DUE.plusHours(-1), DUE);
    }

    @Test
    void givenFiveMissedHours_whenPlannedLatestOnly_thenOnlyTheDueHourRuns() {
        assertThat(CatchUpPlanner.plan(CatchUp.LATEST_ONLY, Cadence.HOURLY, Optional.of(DUE.plusHours(-5)), DUE, 48))
                .containsExactly(DUE);
    }

    @Test
    void givenADowntimeLongerThanTheLimit_whenPlanned_thenOnlyTheLastMaxHoursRun() {
        assertThat(CatchUpPlanner.plan(CatchUp.EVERY_HOUR, Cadence.HOURLY, Optional.of(DUE.plusHours(-100)), DUE, 3))
                .containsExactly(DUE.plusHours(-2), DUE.plusHours(-1), DUE);
    }

    @Test
    void givenNoHistoryOrNothingNew_whenPlanned_thenTheDueHourOrNothing() {
        assertThat(CatchUpPlanner.plan(CatchUp.EVERY_HOUR, Cadence.HOURLY, Optional.empty(), DUE, 48))
                .containsExactly(DUE);
        assertThat(CatchUpPlanner.plan(CatchUp.EVERY_HOUR, Cadence.HOURLY, Optional.of(DUE), DUE, 48)).isEmpty();
        assertThat(CatchUpPlanner.plan(CatchUp.LATEST_ONLY, Cadence.HOURLY, Optional.of(DUE.plusHours(1)), DUE, 48))
                .isEmpty();
    }

    @Test
    void givenThreeMissedDays_whenADailyJobIsPlanned_thenEachMissedDayRunsOnceOldestFirst() {
        EventHour day = EventHour.parse("2026-11-29T00");

        Optional<EventHour> last = Optional.of(day.plusHours(-72));

        assertThat(CatchUpPlanner.plan(CatchUp.EVERY_HOUR, Cadence.DAILY, last, day, 96))
                .containsExactly(day.plusHours(-48), day.plusHours(-24), day);
        assertThat(CatchUpPlanner.plan(CatchUp.EVERY_HOUR, Cadence.DAILY, last, day, 48))
                .as("only days ending within max-catch-up").containsExactly(day.plusHours(-24), day);
        assertThat(CatchUpPlanner.plan(CatchUp.EVERY_HOUR, Cadence.DAILY, Optional.of(day), day, 48)).isEmpty();
    }

    @Test
    void givenAFiringAtTenPastMidnight_whenTheDailyWindowIsWorkedOut_thenYesterdayIsDueAndAnHourEarlierItIsNot() {
        Duration offset = Duration.ofMinutes(10);

        assertThat(Cadence.DAILY.latestDue(ScheduleWindows.latestDue(Instant.parse("2026-11-30T00:10:00Z"), offset)))
                .isEqualTo(EventHour.parse("2026-11-29T00"));
        assertThat(Cadence.DAILY.latestDue(ScheduleWindows.latestDue(Instant.parse("2026-11-29T23:10:00Z"), offset)))
                .isEqualTo(EventHour.parse("2026-11-28T00"));
    }

    @Test
    void givenTheOffset_whenAskedWhatIsDue_thenTheLatestHourWhoseGraceHasPassed() {
        Duration offset = Duration.ofMinutes(10);

        assertThat(ScheduleWindows.latestDue(Instant.parse("2026-11-29T13:10:00Z"), offset)).isEqualTo(DUE);
        assertThat(ScheduleWindows.latestDue(Instant.parse("2026-11-29T13:09:59Z"), offset))
                .isEqualTo(DUE.plusHours(-1));
    }
}
