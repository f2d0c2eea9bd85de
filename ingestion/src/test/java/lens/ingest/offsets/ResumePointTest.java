package lens.ingest.offsets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import lens.events.EventHour;
import org.junit.jupiter.api.Test;

class ResumePointTest {

    @Test
    void givenNothingOpenOrPending_thenResumeIsTheNextOffset() {
        assertThat(ResumePoint.of(List.of(), -1, 120)).isEqualTo(120);
    }

    @Test
    void givenOpenFiles_thenResumeIsTheOldestOpenFilesFirstOffset() {
        assertThat(ResumePoint.of(List.of(90L, 40L, 110L), -1, 120)).isEqualTo(40);
    }

    @Test
    void givenABadRecordNotYetQuarantined_thenResumeDoesNotPassIt() {
        assertThat(ResumePoint.of(List.of(90L), 35, 120)).isEqualTo(35);
    }

    @Test
    void givenLakeAndCommittedPositions_thenSeekToTheHigher_andToZeroWhenNeitherExists() {
        assertThat(ResumePoint.seekPosition(500, 300)).isEqualTo(500);
        assertThat(ResumePoint.seekPosition(300, 500)).isEqualTo(500);
        assertThat(ResumePoint.seekPosition(-1, -1)).isZero();
    }

    @Test
    void givenFilesLandedPerHour_whenReplaying_thenOnlyOffsetsUpToEachHoursLastLandedAreSkipped() {
        EventHour eight = EventHour.parse("2026-11-29T08");
        ReplayFilter filter = new ReplayFilter(Map.of(eight, 57L), Set.of(9L, 12L));
        assertThat(filter.alreadyLanded(eight, 57)).isTrue();
        assertThat(filter.alreadyLanded(eight, 58)).isFalse();
        assertThat(filter.alreadyLanded(eight.plusHours(1), 10)).isFalse();
        // quarantined offsets are known one by one: a good record between two bad ones is not taken for bad
        assertThat(filter.alreadyQuarantined(9)).isTrue();
        assertThat(filter.alreadyQuarantined(10)).isFalse();
        assertThat(filter.alreadyQuarantined(12)).isTrue();
        assertThat(filter.alreadyQuarantined(13)).isFalse();
        assertThat(ReplayFilter.nothingLanded().alreadyLanded(eight, 0)).isFalse();
    }

    @Test
    void givenTwoHoursLanded_whenReplaying_thenEachHourKeepsItsOwnBound_andOffsetsPastBothAreNew() {
        EventHour eight = EventHour.parse("2026-11-29T08");
        EventHour nine = eight.plusHours(1);
        ReplayFilter filter = new ReplayFilter(Map.of(eight, 40L, nine, 57L), Set.of());
        assertThat(filter.alreadyLanded(eight, 40)).isTrue();
        assertThat(filter.alreadyLanded(eight, 41)).as("below nine's bound, above eight's").isFalse();
        assertThat(filter.alreadyLanded(nine, 57)).isTrue();
        assertThat(filter.alreadyLanded(nine, 58)).isFalse();
        assertThat(filter.alreadyLanded(nine.plusHours(1), 30)).as("an hour with no file").isFalse();
    }
}
