package lens.cli.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void givenAQuarterDoneInOneMinute_whenRendered_thenBarRateAndEtaFollow() {
        String line = new ProgressBar(8).render(12, 48, Duration.ofMinutes(1));

        assertThat(line).isEqualTo("[##......] 12/48 runs  12.0 runs/min  elapsed 01:00  ETA 03:00");
    }

    @Test
    void givenNothingDone_whenRendered_thenTheEtaIsUnknown() {
        assertThat(new ProgressBar(4).render(0, 10, Duration.ofSeconds(3))).isEqualTo(
                "[....] 0/10 runs  0.0 runs/min  elapsed 00:03  ETA --:--");
    }

    @Test
    void givenMoreThanAnHour_whenFormatted_thenHoursAreShown() {
        assertThat(ProgressBar.clock(Duration.ofSeconds(3725))).isEqualTo("1:02:05");
    }
}
