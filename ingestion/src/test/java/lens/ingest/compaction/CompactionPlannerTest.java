package lens.ingest.compaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import lens.events.HourManifest;
import org.junit.jupiter.api.Test;

class CompactionPlannerTest {

    private static CompactionPlanner.Candidate file(int partition, long first, long last, long bytes, boolean late,
                                                    int schemaVersion) {
        return new CompactionPlanner.Candidate(new HourManifest.DataFile("f" + partition + "-" + first, partition,
                first, last, last - first + 1, 0, 0, late), bytes, schemaVersion);
    }

    private static List<List<Long>> firstOffsets(List<CompactionPlanner.Merge> merges) {
        return merges.stream().map(m -> m.inputs().stream().map(c -> c.file().firstOffset()).toList()).toList();
    }

    @Test
    void givenShuffledFilesOfTwoPartitions_thenEachPartitionIsMergedAloneInOffsetOrder() {
        List<CompactionPlanner.Candidate> files = new ArrayList<>(List.of(file(1, 20, 29, 10, false, 1),
                file(0, 10, 19, 10, false, 1), file(1, 0, 9, 10, false, 1), file(0, 0, 9, 10, false, 1)));

        List<CompactionPlanner.Merge> merges = CompactionPlanner.plan(files, 1000, 2);

        assertThat(merges).extracting(CompactionPlanner.Merge::partition).containsExactly(0, 1);
        assertThat(firstOffsets(merges)).containsExactly(List.of(0L, 10L), List.of(0L, 20L));
        assertThat(merges.get(1).firstOffset()).isZero();
        assertThat(merges.get(1).lastOffset()).isEqualTo(29);
        assertThat(merges.get(1).rows()).isEqualTo(20);
    }

    @Test
    void givenTheTargetSize_thenRunsAreCutBeforeExceedingIt_andABigFileStaysAlone() {
        List<CompactionPlanner.Candidate> files = List.of(file(0, 0, 0, 40, false, 1), file(0, 1, 1, 40, false, 1),
                file(0, 2, 2, 40, false, 1), file(0, 3, 3, 200, false, 1), file(0, 4, 4, 50, false, 1),
                file(0, 5, 5, 50, false, 1));

        assertThat(firstOffsets(CompactionPlanner.plan(files, 100, 2)))
                .containsExactly(List.of(0L, 1L), List.of(4L, 5L));
    }

    @Test
    void givenMinFiles_thenShorterRunsAreLeftAsTheyAre() {
        List<CompactionPlanner.Candidate> files = List.of(file(0, 0, 0, 1, false, 1), file(0, 1, 1, 1, false, 1),
                file(1, 0, 0, 1, false, 1), file(1, 1, 1, 1, false, 1), file(1, 2, 2, 1, false, 1));

        assertThat(firstOffsets(CompactionPlanner.plan(files, 100, 3))).containsExactly(List.of(0L, 1L, 2L));
    }

    @Test
    void givenLateFilesOrANewSchemaVersion_thenTheyAreNotMergedWithTheOthers() {
        List<CompactionPlanner.Candidate> files = List.of(file(0, 0, 0, 1, false, 1), file(0, 1, 1, 1, false, 1),
                file(0, 2, 2, 1, false, 2), file(0, 3, 3, 1, false, 2), file(0, 4, 4, 1, true, 2),
                file(0, 5, 5, 1, true, 2));

        List<CompactionPlanner.Merge> merges = CompactionPlanner.plan(files, 100, 2);

        assertThat(firstOffsets(merges)).containsExactly(List.of(0L, 1L), List.of(2L, 3L), List.of(4L, 5L));
        assertThat(merges).extracting(CompactionPlanner.Merge::late).containsExactly(false, false, true);
    }
}
