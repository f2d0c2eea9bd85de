package lens.ingest.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import lens.events.EventHour;
import org.junit.jupiter.api.Test;

class HourCompletenessTest {

    private static final EventHour EIGHT = EventHour.parse("2026-11-29T08");
    private static final EventHour NINE = EIGHT.plusHours(1);
    private static final Duration GRACE = Duration.ofMinutes(5);
    private static final long PAST_NINE = NINE.endMillis() + GRACE.toMillis();
    private static final long PAST_EIGHT_ONLY = EIGHT.endMillis() + GRACE.toMillis();

    @Test
    void givenEveryPartitionPastBothHours_thenBothAreComplete_inHourOrder() {
        assertThat(HourCompleteness.completeHours(List.of(NINE, EIGHT), Map.of(0, PAST_NINE, 1, PAST_NINE), 2, GRACE))
                .containsExactly(EIGHT, NINE);
    }

    @Test
    void givenTheSlowestPartitionPastOnlyTheFirstHour_thenOnlyTheFirstIsComplete() {
        assertThat(HourCompleteness.completeHours(List.of(EIGHT, NINE), Map.of(0, PAST_NINE, 1, PAST_EIGHT_ONLY), 2,
                GRACE)).containsExactly(EIGHT);
    }

    @Test
    void givenAPartitionThatNeverReported_thenNoHourIsComplete() {
        assertThat(HourCompleteness.completeHours(List.of(EIGHT), Map.of(0, PAST_NINE, 2, PAST_NINE), 3, GRACE))
                .isEmpty();
        assertThat(HourCompleteness.topicWatermark(Map.of(0, PAST_NINE), 2)).isEqualTo(PartitionWatermark.NONE);
    }

    @Test
    void givenUnknownPartitionCount_thenNothingIsComplete() {
        assertThat(HourCompleteness.completeHours(List.of(EIGHT), Map.of(0, PAST_NINE), 0, GRACE)).isEmpty();
    }
}
