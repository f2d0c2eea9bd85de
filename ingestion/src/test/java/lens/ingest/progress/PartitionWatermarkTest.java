package lens.ingest.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import lens.events.EventHour;
import org.junit.jupiter.api.Test;

class PartitionWatermarkTest {

    private static final EventHour EIGHT = EventHour.parse("2026-11-29T08");
    private static final Duration GRACE = Duration.ofMinutes(5);

    @Test
    void givenNoEvent_thenNoHourIsPassed() {
        PartitionWatermark watermark = PartitionWatermark.none();
        assertThat(watermark.hasPassed(EIGHT, GRACE)).isFalse();
        assertThat(watermark.lastPassedHour(GRACE)).isNull();
    }

    @Test
    void givenEventsOutOfOrder_thenWatermarkIsTheHighestEventTimeAndNeverMovesBack() {
        PartitionWatermark watermark = PartitionWatermark.none();
        watermark.observe(EIGHT.startMillis() + 50_000);
        watermark.observe(EIGHT.startMillis() + 10_000);
        assertThat(watermark.millis()).isEqualTo(EIGHT.startMillis() + 50_000);
    }

    @Test
    void givenAnEventExactlyAtHourEndPlusGrace_thenTheHourIsPassed_andOneMilliBeforeItIsNot() {
        PartitionWatermark before = new PartitionWatermark(EIGHT.endMillis() + GRACE.toMillis() - 1);
        PartitionWatermark at = new PartitionWatermark(EIGHT.endMillis() + GRACE.toMillis());
        assertThat(before.hasPassed(EIGHT, GRACE)).isFalse();
        assertThat(at.hasPassed(EIGHT, GRACE)).isTrue();
        assertThat(at.lastPassedHour(GRACE)).isEqualTo(EIGHT);
        assertThat(before.lastPassedHour(GRACE)).isEqualTo(EIGHT.plusHours(-1));
    }

    @Test
    void givenAnIdlePartition_whenAdvancedToWallClock_thenHistoricalHoursPass_butAnEarlierClockDoesNotRewind() {
        PartitionWatermark watermark = new PartitionWatermark(EIGHT.startMillis());
        watermark.advanceWhileIdle(EIGHT.plusHours(3).startMillis());
        assertThat(watermark.hasPassed(EIGHT.plusHours(1), GRACE)).isTrue();
        watermark.advanceWhileIdle(EIGHT.startMillis());
        assertThat(watermark.millis()).isEqualTo(EIGHT.plusHours(3).startMillis());
    }

    @Test
    void givenAFileStillClosing_thenItHoldsTheReportBackOnlyIfItsHourHasPassedAndItHoldsRecordsThatWereNotLate() {
        PartitionWatermark watermark = new PartitionWatermark(EIGHT.plusHours(2).startMillis() + GRACE.toMillis());

        // opened before 09:00 passed: it may hold on-time records, which a manifest the report allows must list
        assertThat(watermark.holdsBackReport(EIGHT.plusHours(1), false, GRACE)).isTrue();
        // opened after its hour had passed: late records only, which amend the manifest when they land; waiting for
        // them would let a trickle of late events hold the partition's progress back for good
        assertThat(watermark.holdsBackReport(EIGHT, true, GRACE)).isFalse();
        assertThat(watermark.holdsBackReport(EIGHT.plusHours(-3), true, GRACE)).isFalse();
        // an hour not passed yet is not reported at all
        assertThat(watermark.holdsBackReport(EIGHT.plusHours(2), false, GRACE)).isFalse();
    }
}
