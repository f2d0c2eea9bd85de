package lens.trainer.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PhaseTimingsTest {

    @Test
    void givenLaps_thenEachPhaseIsChargedTheTimeSinceThePreviousLap_inTheOrderTheyRan() {
        AtomicLong now = new AtomicLong(1_000_000_000L);
        PhaseTimings timings = new PhaseTimings(now::get);

        now.addAndGet(2_500_000_000L);
        timings.lap("read");
        now.addAndGet(10_000_000L);
        timings.lap("fit");
        now.addAndGet(1_004_000_000L);
        timings.lap("read");

        assertThat(timings.seconds()).containsExactly(
                java.util.Map.entry("read", 2.5 + 1.0), java.util.Map.entry("fit", 0.01));
    }

    @Test
    void givenNoLap_thenThereAreNoPhases() {
        assertThat(new PhaseTimings(() -> 5L).seconds()).isEmpty();
    }
}
