package lens.ingest.compaction;

import static lens.ingest.support.SmallFilesLake.TOPIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import lens.ingest.support.SmallFilesLake;
import lens.events.EventHour;
import lens.events.HourManifest;
import lens.events.LakeLayout;
import lens.ingest.lake.LakeScanner;
import lens.ingest.lake.ManifestLock;
import lens.ingest.lake.PartitionHistory;
import lens.ingest.parquet.FileFooter;
import lens.ingest.support.LakeReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.util.unit.DataSize;

/**
 * Compaction of one manifested hour on real Parquet files: readers of the manifest count the same rows before,
 * during (a crash at any step) and after; names, footers and the ingester's recovery stay truthful.
 */
class HourCompactorTest {

    private static final EventHour EIGHT = EventHour.parse("2026-11-29T08");
    private static final EventHour NINE = EIGHT.plusHours(1);
    private static final CompactionProperties SETTINGS = CompactionProperties.defaults()
            .with(DataSize.ofMegabytes(128), 2, Duration.ZERO);

    @TempDir
    java.nio.file.Path dir;

    private SmallFilesLake lake;
    private List<String> allIds;

    /**
     * Partition 0 alternates between hours 8 and 9 every 5 offsets (hour 8's last file is the newest, resume 45);
     * partition 1 has three consecutive files of hour 8. Both hours are manifested.
     */
    @BeforeEach
    void smallFilesOfTwoHours() throws IOException {
        lake = new SmallFilesLake(dir);
        for (long first = 0; first < 45; first += 10) {
            lake.land(EIGHT, 0, first, 5);
            if (first + 5 < 40) {
                lake.land(NINE, 0, first + 5, 5);
            }
        }
        for (long first = 0; first < 9; first += 3) {
            lake.land(EIGHT, 1, first, 3);
        }
        lake.manifest(EIGHT);
        lake.manifest(NINE);
        allIds = lake.manifestedIds();
    }

    private HourCompactor compactor(CompactionStep.Hook hook) {
        return new HourCompactor(lake.lake, SETTINGS, "compactor", Clock.systemUTC(), hook);
    }

    @Test
    void givenAManifestedHourOfSmallFiles_whenCompacted_thenOneFilePerPartition_andReadersCountTheSameRows()
            throws IOException {
        HourManifest before = lake.readManifest(EIGHT);
        assertThat(before.files()).hasSize(8);

        HourCompactor.HourResult result = compactor(CompactionStep.Hook.NONE).compact(TOPIC, EIGHT);

        assertThat(result.outcome()).isEqualTo(HourCompactor.Outcome.COMPACTED);
        assertThat(result.filesBefore()).isEqualTo(8);
        assertThat(result.filesAfter()).isEqualTo(2);
        HourManifest after = lake.readManifest(EIGHT);
        String zero = LakeLayout.dataFileName(TOPIC, 0, 0, 44);
        String one = LakeLayout.dataFileName(TOPIC, 1, 0, 8);
        assertThat(after.files()).extracting(HourManifest.DataFile::name).containsExactly(zero, one);
        assertThat(after.files()).containsExactly(
                new HourManifest.DataFile(zero, 0, 0, 44, 25, SmallFilesLake.timestamp(EIGHT, 0),
                        SmallFilesLake.timestamp(EIGHT, 44), false),
                new HourManifest.DataFile(one, 1, 0, 8, 9, SmallFilesLake.timestamp(EIGHT, 0),
                        SmallFilesLake.timestamp(EIGHT, 8), false));
        assertThat(after.rows()).isEqualTo(before.rows()).isEqualTo(34);
        assertThat(after.revision()).isEqualTo(before.revision());
        assertThat(after.late()).isEqualTo(before.late());
        assertThat(lake.manifestedIds()).isEqualTo(allIds).doesNotHaveDuplicates();
        assertThat(lake.folderIds()).isEqualTo(allIds);
        assertThat(lake.folderDataFiles(EIGHT)).containsExactly(zero, one);
        assertThat(lake.hiddenFiles(EIGHT)).isEmpty();
        assertThat(lake.readManifest(NINE).files()).hasSize(4);

        java.nio.file.Path merged = dir.resolve(LakeLayout.hourDir(TOPIC, EIGHT)).resolve(zero);
        assertThat(FileFooter.fromMetadata(LakeReader.footer(merged))).isEqualTo(new FileFooter(TOPIC.topicName(), 0,
                0, 44, SmallFilesLake.timestamp(EIGHT, 0), SmallFilesLake.timestamp(EIGHT, 44), 1, 25, 45, "compactor"));
        List<LakeReader.Row> rows = LakeReader.rowsOf(merged, EIGHT);
        assertThat(rows).allSatisfy(r -> assertThat(r.partition()).isZero());
        assertThat(rows).extracting(LakeReader.Row::offset).isSorted().doesNotHaveDuplicates()
                .containsExactly(0L, 1L, 2L, 3L, 4L, 10L, 11L, 12L, 13L, 14L, 20L, 21L, 22L, 23L, 24L, 30L, 31L, 32L,
                        33L, 34L, 40L, 41L, 42L, 43L, 44L);
    }

    @Test
    void givenACompactedHour_thenRecoveryFindsTheSamePositionAndLandedOffsets_evenFromACommitInsideTheMergedRange()
            throws IOException {
        // 40 is the commit after hour 9's last file; hour 8's file [40, 44] (resume 45) was published after it
        Map<Integer, Long> committed = Map.of(0, 40L, 1, 9L);
        LakeScanner.TopicScan before = new LakeScanner(lake.lake).scan(TOPIC, List.of(0, 1), committed);

        compactor(CompactionStep.Hook.NONE).compact(TOPIC, EIGHT);
        LakeScanner.TopicScan after = new LakeScanner(lake.lake).scan(TOPIC, List.of(0, 1), committed);

        assertThat(before.partitions().get(0).resumeOffset()).isEqualTo(45);
        assertThat(after.partitions()).isEqualTo(before.partitions());
        assertThat(after.hoursNeedingManifest()).isEmpty();
    }

    @Test
    void givenACompactedHour_whenAPartitionIsReplayedFromAnEarlierOffset_thenExactlyTheUnlandedRecordsPass()
            throws IOException {
        compactor(CompactionStep.Hook.NONE).compact(TOPIC, EIGHT);
        PartitionHistory history = new LakeScanner(lake.lake).scan(TOPIC, List.of(0), Map.of(0, 0L))
                .partitions().get(0);
        var filter = history.replayFilterFrom(0);

        // the partition's log: offsets 0..44 landed (alternating hours 8 and 9), then 45..59 never landed
        List<String> passed = new ArrayList<>();
        for (long offset = 0; offset < 60; offset++) {
            EventHour hour = offset < 45 ? ((offset / 5) % 2 == 0 ? EIGHT : NINE) : (offset % 2 == 0 ? EIGHT : NINE);
            if (!filter.alreadyLanded(hour, offset)) {
                passed.add(SmallFilesLake.id(0, offset));
            }
        }

        List<String> expected = new ArrayList<>();
        for (long offset = 45; offset < 60; offset++) {
            expected.add(SmallFilesLake.id(0, offset));
        }
        assertThat(passed).isEqualTo(expected);
        assertThat(lake.manifestedIds()).doesNotContainAnyElementsOf(passed);
    }

    @ParameterizedTest
    @EnumSource(CompactionStep.class)
    void givenACrashAtAStep_thenTheHourReadsTheSameRows_andARerunFinishesTheJob(CompactionStep crashAt)
            throws IOException {
        Map<Integer, Long> committed = Map.of(0, 40L, 1, 9L);
        LakeScanner.TopicScan recoveryBefore = new LakeScanner(lake.lake).scan(TOPIC, List.of(0, 1), committed);
        AtomicBoolean crashed = new AtomicBoolean();
        HourCompactor crashing = compactor(step -> {
            if (step == crashAt && crashed.compareAndSet(false, true)) {
                throw new IOException("crash at " + step);
            }
        });

        assertThatThrownBy(() -> crashing.compact(TOPIC, EIGHT)).hasMessage("crash at " + crashAt);

        assertThat(lake.manifestedIds()).isEqualTo(allIds);
        assertThat(lake.readManifest(EIGHT).files()).allSatisfy(f -> assertThat(
                dir.resolve(LakeLayout.hourDir(TOPIC, EIGHT)).resolve(f.name())).exists());
        assertThat(lake.manifest(EIGHT)).as("the ingester's next manifest write adds nothing").isEmpty();
        assertThat(new LakeScanner(lake.lake).scan(TOPIC, List.of(0, 1), committed).partitions())
                .isEqualTo(recoveryBefore.partitions());

        HourCompactor.HourResult rerun = compactor(CompactionStep.Hook.NONE).compact(TOPIC, EIGHT);

        assertThat(rerun.outcome()).isIn(HourCompactor.Outcome.COMPACTED, HourCompactor.Outcome.NOTHING_TO_DO);
        HourManifest after = lake.readManifest(EIGHT);
        assertThat(after.files()).hasSize(2);
        assertThat(lake.folderDataFiles(EIGHT))
                .containsExactlyElementsOf(after.files().stream().map(HourManifest.DataFile::name).sorted().toList());
        assertThat(lake.hiddenFiles(EIGHT)).isEmpty();
        assertThat(lake.manifestedIds()).isEqualTo(allIds);
        assertThat(lake.folderIds()).isEqualTo(allIds);
    }

    @Test
    void givenAnUnmanifestedLateFile_whenCompacting_thenItIsLeftAlone_andTheIngestersManifestWriteWaitsForTheLock()
            throws IOException {
        String late = lake.land(EIGHT, 0, 50, 3);
        List<Throwable> duringCompaction = new ArrayList<>();
        HourCompactor compactor = compactor(step -> {
            if (step == CompactionStep.MERGED_FILE_RENAMED && duringCompaction.isEmpty()) {
                try {
                    lake.manifest(EIGHT);
                    duringCompaction.add(new AssertionError("the manifest was written during the compaction"));
                } catch (ManifestLock.BusyException expected) {
                    duringCompaction.add(expected);
                }
            }
        });

        assertThat(compactor.compact(TOPIC, EIGHT).outcome()).isEqualTo(HourCompactor.Outcome.COMPACTED);

        assertThat(duringCompaction).singleElement().isInstanceOf(ManifestLock.BusyException.class);
        assertThat(lake.folderDataFiles(EIGHT)).contains(late).hasSize(3);
        assertThat(lake.readManifest(EIGHT).files()).extracting(HourManifest.DataFile::name).doesNotContain(late);
        var written = lake.manifest(EIGHT).orElseThrow();
        assertThat(written.newLateRows()).isEqualTo(3);
        HourManifest amended = lake.readManifest(EIGHT);
        assertThat(amended.revision()).isEqualTo(2);
        assertThat(amended.late()).isEqualTo(3);
        assertThat(amended.files()).extracting(HourManifest.DataFile::name).hasSize(3).contains(late);
        List<String> expected = new ArrayList<>(allIds);
        expected.addAll(List.of("p0-o50", "p0-o51", "p0-o52"));
        assertThat(lake.manifestedIds()).isEqualTo(expected.stream().sorted().toList());
    }

    @Test
    void givenOnTimeAndLateFiles_thenEachKindIsMergedApart_andTheLateCountStays() throws IOException {
        for (long first = 50; first < 62; first += 3) {
            lake.land(EIGHT, 0, first, 3);
        }
        lake.manifest(EIGHT);
        HourManifest before = lake.readManifest(EIGHT);
        assertThat(before.late()).isEqualTo(12);

        compactor(CompactionStep.Hook.NONE).compact(TOPIC, EIGHT);

        HourManifest after = lake.readManifest(EIGHT);
        assertThat(after.files()).extracting(HourManifest.DataFile::name, HourManifest.DataFile::late).containsExactly(
                org.assertj.core.groups.Tuple.tuple(LakeLayout.dataFileName(TOPIC, 0, 0, 44), false),
                org.assertj.core.groups.Tuple.tuple(LakeLayout.dataFileName(TOPIC, 0, 50, 61), true),
                org.assertj.core.groups.Tuple.tuple(LakeLayout.dataFileName(TOPIC, 1, 0, 8), false));
        assertThat(after.late()).isEqualTo(12);
        assertThat(after.rows()).isEqualTo(before.rows());
        assertThat(after.revision()).isEqualTo(before.revision());
    }

    @Test
    void givenTheManifestChangesDuringTheMerge_thenTheSwapIsSkipped_andARerunCompacts() throws IOException {
        HourManifest original = lake.readManifest(EIGHT);
        HourCompactor compactor = compactor(step -> {
            if (step == CompactionStep.MERGED_FILE_RENAMED) {
                // another writer, which broke a lock we held too long, rewrites the manifest
                HourManifest other = new HourManifest(original.topic(), original.hour(), original.revision(),
                        original.rows(), original.late(), original.files(), original.watermarks(), "elsewhere");
                Files.write(dir.resolve(LakeLayout.manifest(TOPIC, EIGHT)), other.toJson());
            }
        });

        assertThat(compactor.compact(TOPIC, EIGHT).outcome()).isEqualTo(HourCompactor.Outcome.MOVED);
        assertThat(lake.readManifest(EIGHT).files()).isEqualTo(original.files());
        assertThat(lake.manifestedIds()).isEqualTo(allIds);

        assertThat(compactor(CompactionStep.Hook.NONE).compact(TOPIC, EIGHT).outcome())
                .isEqualTo(HourCompactor.Outcome.COMPACTED);
        assertThat(lake.folderIds()).isEqualTo(allIds);
    }

    @Test
    void givenALiveLock_thenTheHourIsBusy_butAStaleOneIsBroken() throws IOException {
        java.nio.file.Path lockFile = dir.resolve(LakeLayout.hourDir(TOPIC, EIGHT)).resolve(ManifestLock.FILE);
        Files.writeString(lockFile, "{\"holder\":\"crashed\"}");

        assertThat(compactor(CompactionStep.Hook.NONE).compact(TOPIC, EIGHT).outcome())
                .isEqualTo(HourCompactor.Outcome.BUSY);
        assertThat(lake.readManifest(EIGHT).files()).hasSize(8);

        Files.setLastModifiedTime(lockFile, java.nio.file.attribute.FileTime.fromMillis(
                System.currentTimeMillis() - SETTINGS.lockStaleAfter().toMillis() - 1000));
        assertThat(compactor(CompactionStep.Hook.NONE).compact(TOPIC, EIGHT).outcome())
                .isEqualTo(HourCompactor.Outcome.COMPACTED);
        assertThat(lockFile).doesNotExist();
    }

    @Test
    void givenAnUnmanifestedOrRecentHour_thenItIsNotTouched() throws IOException {
        EventHour ten = NINE.plusHours(1);
        lake.land(ten, 0, 100, 2);
        lake.land(ten, 0, 102, 2);
        HourCompactor patient = new HourCompactor(lake.lake, SETTINGS.with(DataSize.ofMegabytes(128), 2,
                Duration.ofHours(1)), "compactor", Clock.systemUTC());

        assertThat(compactor(CompactionStep.Hook.NONE).compact(TOPIC, ten).outcome())
                .isEqualTo(HourCompactor.Outcome.NOT_MANIFESTED);
        assertThat(patient.compact(TOPIC, EIGHT).outcome()).isEqualTo(HourCompactor.Outcome.TOO_RECENT);
        assertThat(lake.folderDataFiles(ten)).hasSize(2);
        assertThat(lake.readManifest(EIGHT).files()).hasSize(8);
        assertThat(compactor(CompactionStep.Hook.NONE).compact(TOPIC, null, null))
                .extracting(HourCompactor.HourResult::hour, HourCompactor.HourResult::outcome).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(EIGHT, HourCompactor.Outcome.COMPACTED),
                        org.assertj.core.groups.Tuple.tuple(NINE, HourCompactor.Outcome.COMPACTED),
                        org.assertj.core.groups.Tuple.tuple(ten, HourCompactor.Outcome.NOT_MANIFESTED));
        assertThat(lake.manifestedIds()).isEqualTo(allIds);
    }
}
