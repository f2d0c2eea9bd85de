package lens.ingest.lake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.Map;
import java.util.stream.Stream;
import lens.events.EventHour;
import lens.events.LakeLayout;
import lens.events.Topic;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A writer SIGKILLed between its temp write and the rename leaves a temp that nobody else would ever rename. */
class OrphanedTempCleanupTest {

    @TempDir
    java.nio.file.Path dir;

    private static final EventHour HOUR = EventHour.parse("2026-11-29T16");

    @Test
    void givenATempOfAKilledManifestWriter_whenTheHourIsManifestedByAnotherInstance_thenOnlyTheManifestRemains()
            throws Exception {
        Lake lake = Lake.open(dir.toString(), Map.of());
        Path hourDir = lake.hourDir(Topic.USER_INTERACTIONS, HOUR);
        java.nio.file.Path hour = dir.resolve(LakeLayout.hourDir(Topic.USER_INTERACTIONS, HOUR));
        Files.createDirectories(hour);
        Files.writeString(hour.resolve("._MANIFEST.json.vm-31605.tmp"), "{\"topic\":\"user-int");

        new ManifestWriter(lake, "vm-40000").writeIfChanged(Topic.USER_INTERACTIONS, HOUR, Map.of(0, 1L));

        try (Stream<java.nio.file.Path> files = Files.list(hour)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(LakeLayout.MANIFEST);
        }
        assertThat(lake.readIfExists(new Path(hourDir, LakeLayout.MANIFEST))).isPresent();
    }

    @Test
    void givenTempsOfSeveralTargets_whenOneTargetsOrphansAreDeleted_thenOtherFilesAreUntouched() throws Exception {
        Lake lake = Lake.open(dir.toString(), Map.of());
        Files.writeString(dir.resolve("partition=0.json"), "{}");
        Files.writeString(dir.resolve(".partition=0.json.vm-1.tmp"), "{");
        Files.writeString(dir.resolve(".partition=0.json.vm-2.tmp"), "");
        Files.writeString(dir.resolve(".partition=1.json.vm-1.tmp"), "{");
        Files.writeString(dir.resolve(".partition=0.json.vm-1.keep"), "{");

        int deleted = lake.deleteOrphanedTemps(java.util.List.of(lake.path("partition=0.json")));

        assertThat(deleted).isEqualTo(2);
        try (Stream<java.nio.file.Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("partition=0.json",
                    ".partition=1.json.vm-1.tmp", ".partition=0.json.vm-1.keep");
        }
    }

    @Test
    void givenTempsOfTargetsInTwoFolders_whenTheirOrphansAreDeletedTogether_thenEachFoldersOwnAreGone() throws Exception {
        Lake lake = Lake.open(dir.toString(), Map.of());
        Files.createDirectories(dir.resolve("a"));
        Files.createDirectories(dir.resolve("b"));
        Files.writeString(dir.resolve("a/.partition=0.json.vm-1.tmp"), "{");
        Files.writeString(dir.resolve("a/.partition=1.json.vm-1.tmp"), "{");
        Files.writeString(dir.resolve("a/.partition=2.json.vm-1.tmp"), "{");
        Files.writeString(dir.resolve("b/.partition=0.json.vm-3.tmp"), "{");

        int deleted = lake.deleteOrphanedTemps(java.util.List.of(lake.path("a/partition=0.json"),
                lake.path("a/partition=1.json"), lake.path("b/partition=0.json")));

        assertThat(deleted).isEqualTo(3);
        try (Stream<java.nio.file.Path> files = Files.list(dir.resolve("a"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(".partition=2.json.vm-1.tmp");
        }
        try (Stream<java.nio.file.Path> files = Files.list(dir.resolve("b"))) {
            assertThat(files).isEmpty();
        }
    }
}
