package lens.ingest.lake;

import static lens.ingest.support.SmallFilesLake.TOPIC;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import lens.events.EventHour;
import lens.events.HourManifest;
import lens.ingest.parquet.FileFooter;
import lens.ingest.parquet.FooterReader;
import lens.ingest.support.SmallFilesLake;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestWriterTest {

    private static final EventHour HOUR = EventHour.parse("2026-11-29T16");
    private static final Map<Integer, Long> PASSED = Map.of(0, HOUR.endMillis() + 3_600_000);

    @TempDir
    Path dir;
    private SmallFilesLake lake;
    private ManifestWriter here;
    private FileFooter footer;

    /** Given a file this instance published, whose footer it remembers. */
    @BeforeEach
    void landAFileHere() throws Exception {
        lake = new SmallFilesLake(dir);
        here = new ManifestWriter(lake.lake, "here");
        String name = lake.land(HOUR, 0, 0, 10);
        footer = FooterReader.read(lake.lake.fs().getFileStatus(
                new org.apache.hadoop.fs.Path(lake.lake.hourDir(TOPIC, HOUR), name)), lake.lake.conf());
        here.remember(name, footer);
    }

    @Test
    void givenAFilePublishedHere_whenAnotherInstanceManifestsItsHourFirst_thenItsCachedFooterIsDroppedHereToo()
            throws Exception {
        assertThat(here.cachedFooters()).isEqualTo(1);

        // when another instance manifests the hour, and then this one finds nothing to add
        new ManifestWriter(lake.lake, "there").writeIfChanged(TOPIC, HOUR, PASSED);
        boolean changedHere = here.writeIfChanged(TOPIC, HOUR, PASSED).isPresent();

        // then the manifest lists the file once, and the footer is no longer held here
        assertThat(changedHere).isFalse();
        HourManifest manifest = HourManifest.readLocal(dir, TOPIC, HOUR).orElseThrow();
        assertThat(manifest.revision()).isEqualTo(1);
        assertThat(manifest.rows()).isEqualTo(10);
        assertThat(here.cachedFooters()).isZero();
    }

    @Test
    void givenAFilePublishedHere_whenThisInstanceManifestsItsHour_thenItIsListedWithItsFootersFiguresAndTheEntryDropped()
            throws Exception {
        HourManifest manifest = here.writeIfChanged(TOPIC, HOUR, PASSED).orElseThrow().manifest();

        assertThat(manifest.files()).singleElement().satisfies(f -> {
            assertThat(f.rows()).isEqualTo(footer.rows());
            assertThat(f.maxTimestamp()).isEqualTo(footer.maxTimestamp());
        });
        assertThat(here.cachedFooters()).isZero();
    }
}
