package lens.ingest.compaction;

import static lens.ingest.support.SmallFilesLake.TOPIC;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import lens.ingest.support.SmallFilesLake;
import lens.events.EventHour;
import lens.events.Topic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

class AutoCompactorTest {

    private static final EventHour EIGHT = EventHour.parse("2026-11-29T08");

    @TempDir
    java.nio.file.Path dir;

    @Test
    void givenAManifestedHourOfSmallFiles_whenSweptTwice_thenItIsCompactedOnce_andASettledHourIsNotOpenedAgain()
            throws IOException {
        SmallFilesLake lake = new SmallFilesLake(dir);
        for (long first = 0; first < 20; first += 5) {
            lake.land(EIGHT, 0, first, 5);
        }
        lake.manifest(EIGHT);
        List<String> ids = lake.manifestedIds();
        CompactionProperties settings = CompactionProperties.defaults().with(DataSize.ofMegabytes(128), 2, Duration.ZERO);
        AutoCompactor auto = new AutoCompactor(lake.lake,
                new HourCompactor(lake.lake, settings, "ingester-compactor", Clock.systemUTC()), List.of(TOPIC,
                Topic.MODEL_METRICS), Duration.ofMinutes(10));

        List<HourCompactor.HourResult> first = auto.sweep();
        List<HourCompactor.HourResult> second = auto.sweep();
        List<HourCompactor.HourResult> third = auto.sweep();

        assertThat(first).extracting(HourCompactor.HourResult::outcome).containsExactly(HourCompactor.Outcome.COMPACTED);
        assertThat(lake.readManifest(EIGHT).files()).hasSize(1);
        assertThat(lake.manifestedIds()).isEqualTo(ids).doesNotHaveDuplicates();
        // the compaction rewrote the manifest: looked at once more, found settled, then left alone
        assertThat(second).extracting(HourCompactor.HourResult::outcome)
                .containsExactly(HourCompactor.Outcome.NOTHING_TO_DO);
        assertThat(third).isEmpty();
    }
}
