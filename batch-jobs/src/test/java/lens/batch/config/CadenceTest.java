package lens.batch.config;

import static org.assertj.core.api.Assertions.assertThat;

import lens.events.EventHour;
import org.junit.jupiter.api.Test;

class CadenceTest {

    static final EventHour DAY = EventHour.parse("2026-11-29T00");

    @Test
    void givenAnHourOfTheDay_whenAskedForItsDailyWindow_thenTheDaysT00HourAndItsLastHourIsT23() {
        EventHour window = Cadence.DAILY.windowOf(EventHour.parse("2026-11-29T17"));

        assertThat(window).isEqualTo(DAY);
        assertThat(Cadence.DAILY.lastHour(window)).isEqualTo(EventHour.parse("2026-11-29T23"));
        assertThat(Cadence.DAILY.next(window)).isEqualTo(EventHour.parse("2026-11-30T00"));
        assertThat(Cadence.DAILY.hoursOf(window)).hasSize(24).startsWith(DAY)
                .endsWith(EventHour.parse("2026-11-29T23"));
        assertThat(Cadence.DAILY.isWindow(DAY)).isTrue();
        assertThat(Cadence.DAILY.isWindow(DAY.plusHours(5))).isFalse();
    }

    @Test
    void givenHourlyCadence_whenAskedForWindows_thenEachHourIsItsOwnWindow() {
        EventHour hour = EventHour.parse("2026-11-29T17");

        assertThat(Cadence.HOURLY.windowOf(hour)).isEqualTo(hour);
        assertThat(Cadence.HOURLY.lastHour(hour)).isEqualTo(hour);
        assertThat(Cadence.HOURLY.latestDue(hour)).isEqualTo(hour);
        assertThat(Cadence.HOURLY.windowsEndingIn(hour, hour.plusHours(2)))
                .containsExactly(hour, hour.plusHours(1), hour.plusHours(2));
    }

    @Test
    void givenTheDueHour_whenAskedWhichDayIsDue_thenTheLatestDayWhoseT23IsDue() {
        assertThat(Cadence.DAILY.latestDue(EventHour.parse("2026-11-29T23"))).isEqualTo(DAY);
        assertThat(Cadence.DAILY.latestDue(EventHour.parse("2026-11-30T00"))).isEqualTo(DAY);
        assertThat(Cadence.DAILY.latestDue(EventHour.parse("2026-11-30T22"))).isEqualTo(DAY);
        assertThat(Cadence.DAILY.latestDue(EventHour.parse("2026-11-29T22")))
                .isEqualTo(EventHour.parse("2026-11-28T00"));
    }

    @Test
    void givenARangeOfHours_whenAskedForDailyWindows_thenTheDaysWhoseLastHourLiesInTheRange() {
        assertThat(Cadence.DAILY.windowsEndingIn(EventHour.parse("2026-11-28T23"), EventHour.parse("2026-11-30T22")))
                .containsExactly(EventHour.parse("2026-11-28T00"), DAY);
        assertThat(Cadence.DAILY.windowsEndingIn(EventHour.parse("2026-11-29T00"), EventHour.parse("2026-11-29T22")))
                .as("no day ends in the range").isEmpty();
        assertThat(Cadence.DAILY.windowsEndingIn(EventHour.parse("2026-11-29T23"), EventHour.parse("2026-11-29T23")))
                .containsExactly(DAY);
    }
}
