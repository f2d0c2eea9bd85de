package lens.ingest.lake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lens.events.EventHour;
import lens.events.LakeLayout;
import lens.events.Topic;
import lens.ingest.parquet.EventFileWriter;
import lens.ingest.parquet.FileFooter;
import lens.ingest.parquet.LandedRow;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recovery reads the lake: resume offset from footers, landed offsets per hour from names, temp files to clean. */
class LakeScannerTest {

    private static final Topic TOPIC = Topic.USER_INTERACTIONS;
    private static final EventHour EIGHT = EventHour.parse("2026-11-29T08");
    private static final EventHour NINE = EIGHT.plusHours(1);

    @TempDir
    java.nio.file.Path dir;

    @Test
    void givenFilesOfTwoHours_thenPositionIsTheHighestResumeOffset_andLandedOffsetsAreKnownPerHour() throws Exception {
        Lake lake = Lake.open(dir.toString(), Map.of());
        // hour 8 open from offset 10 while hour 9 files were published: their resume offsets stay at 10
        land(lake, EIGHT, 0, 0, 9, 10);
        land(lake, NINE, 0, 11, 20, 10);
        land(lake, EIGHT, 0, 10, 25, 26);
        land(lake, NINE, 0, 26, 30, 31);
        land(lake, EIGHT, 1, 0, 99, 100);

        LakeScanner.TopicScan scan = new LakeScanner(lake).scan(TOPIC, List.of(0, 2), Map.of());

        PartitionHistory zero = scan.partitions().get(0);
        assertThat(zero.resumeOffset()).isEqualTo(31);
        assertThat(zero.lastLandedByHour()).isEqualTo(Map.of(EIGHT, 25L, NINE, 30L));
        assertThat(scan.partitions().get(2)).isEqualTo(PartitionHistory.empty());
        assertThat(scan.hoursNeedingManifest()).isEqualTo(Set.of(EIGHT, NINE));
    }

    @Test
    void givenACommittedOffset_thenOnlyFilesEndingAtOrAfterItCanRaiseTheResumeOffset() throws Exception {
        Lake lake = Lake.open(dir.toString(), Map.of());
        land(lake, EIGHT, 0, 0, 9, 10);
        land(lake, EIGHT, 0, 10, 19, 20);
        // a compacted file of hour 9 starts before the commit but holds a file published after it
        land(lake, NINE, 0, 5, 25, 26);

        PartitionHistory history = new LakeScanner(lake).scan(TOPIC, List.of(0), Map.of(0, 10L)).partitions().get(0);

        assertThat(history.resumeOffset()).isEqualTo(26);
        assertThat(history.replayFilterFrom(20).alreadyLanded(EIGHT, 19)).isFalse(); // files before the position do not matter
        assertThat(history.replayFilterFrom(12).alreadyLanded(EIGHT, 19)).isTrue();
    }

    @Test
    void givenLeftoverTempFilesAndQuarantine_thenThePartitionsTempsAreListedAndItsQuarantinedOffsetsKnown()
            throws Exception {
        Lake lake = Lake.open(dir.toString(), Map.of());
        java.nio.file.Path hourDir = dir.resolve(LakeLayout.hourDir(TOPIC, EIGHT));
        Files.createDirectories(hourDir);
        Files.writeString(hourDir.resolve(".user-interactions+0+40.host-1.abc.tmp"), "half a file");
        Files.writeString(hourDir.resolve(".user-interactions+1+40.host-1.abc.tmp"), "another partition's");
        java.nio.file.Path quarantine = dir.resolve(LakeLayout.quarantineDir(TOPIC, EIGHT));
        Files.createDirectories(quarantine);
        Files.writeString(quarantine.resolve(LandedFileName.quarantineFileName(TOPIC.topicName(), 0, 3, 7)),
                "{\"offset\":3}\n{\"offset\":7}\n");
        Files.writeString(quarantine.resolve(LandedFileName.quarantineFileName(TOPIC.topicName(), 0, 12, 15)),
                "{\"topic\":\"user-interactions\",\"partition\":0,\"offset\":12,\"valueBase64\":\"e30=\"}\n"
                        + "not json: skipped with a warning\n{\"partition\":0,\"offset\":15}\n");
        Files.writeString(quarantine.resolve(LandedFileName.quarantineFileName(TOPIC.topicName(), 1, 4, 4)),
                "{\"offset\":4}\n");

        PartitionHistory history = new LakeScanner(lake).scan(TOPIC, List.of(0), Map.of()).partitions().get(0);

        assertThat(history.tempFiles()).extracting(Path::getName).containsExactly(".user-interactions+0+40.host-1.abc.tmp");
        assertThat(history.quarantined()).containsExactlyInAnyOrder(3L, 7L, 12L, 15L);
        assertThat(history.replayFilterFrom(8).alreadyQuarantined(7)).isFalse(); // before the position: not re-read
        assertThat(history.replayFilterFrom(8).alreadyQuarantined(12)).isTrue();
        assertThat(history.replayFilterFrom(8).alreadyQuarantined(13)).isFalse();
        // a committed position past a quarantine file: its offsets are not among those a replay skips
        assertThat(new LakeScanner(lake).scan(TOPIC, List.of(0), Map.of(0, 10L)).partitions().get(0).quarantined())
                .containsExactlyInAnyOrder(12L, 15L);
        assertThat(history.resumeOffset()).isEqualTo(-1);
    }

    private static void land(Lake lake, EventHour hour, int partition, long first, long last, long resume)
            throws Exception {
        Path target = new Path(lake.hourDir(TOPIC, hour), LakeLayout.dataFileName(TOPIC, partition, first, last));
        EventFileWriter writer = new EventFileWriter(lake.fs(), target, TOPIC, lake.conf(), 1 << 20);
        Object[] values = new Object[TOPIC.schema().fields().size()];
        values[0] = "e-" + first;
        values[1] = hour.startMillis();
        writer.write(new LandedRow(values, null, partition, first));
        writer.close(new FileFooter(TOPIC.topicName(), partition, first, last, hour.startMillis(), hour.startMillis(),
                1, 1, resume, "test"));
    }
}
