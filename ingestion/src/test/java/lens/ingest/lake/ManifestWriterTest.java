package lens.ingest.lake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import lens.events.EventHour;
import lens.events.HourManifest;
import lens.events.LakeLayout;
import lens.events.Topic;
import lens.ingest.parquet.EventFileWriter;
import lens.ingest.parquet.FileFooter;
import lens.ingest.parquet.LandedRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestWriterTest {

    private static final Topic TOPIC = Topic.MODEL_METRICS;
    private static final EventHour HOUR = EventHour.parse("2026-11-29T16");
    private static final Map<Integer, Long> PASSED = Map.of(0, HOUR.endMillis() + 3_600_000);

    @TempDir
    Path dir;

    @Test
    void givenAFilePublishedHere_whenAnotherInstanceManifestsItsHourFirst_thenItsCachedFooterIsDroppedHereToo()
            throws Exception {
        // given a file this instance published and remembers the footer of
        Lake lake = Lake.open(dir.toString(), Map.of());
        ManifestWriter here = new ManifestWriter(lake, "here");
        FileFooter footer = land(lake, 0, 10);
        here.remember(LakeLayout.dataFileName(TOPIC, 0, 0, 9), footer);
        assertThat(here.cachedFooters()).isEqualTo(1);

        // when another instance manifests the hour, and then this one finds nothing to add
        new ManifestWriter(lake, "there").writeIfChanged(TOPIC, HOUR, PASSED);
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
        Lake lake = Lake.open(dir.toString(), Map.of());
        ManifestWriter here = new ManifestWriter(lake, "here");
        FileFooter footer = land(lake, 0, 10);
        here.remember(LakeLayout.dataFileName(TOPIC, 0, 0, 9), footer);

        HourManifest manifest = here.writeIfChanged(TOPIC, HOUR, PASSED).orElseThrow().manifest();

        assertThat(manifest.files()).singleElement().satisfies(f -> {
            assertThat(f.rows()).isEqualTo(footer.rows());
            assertThat(f.maxTimestamp()).isEqualTo(footer.maxTimestamp());
        });
        assertThat(here.cachedFooters()).isZero();
    }

    /** One landed file of {@code rows} metrics from offset {@code first} of {@code partition}, as the ingester lands it. */
    private static FileFooter land(Lake lake, int partition, int rows) throws Exception {
        long last = rows - 1;
        org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(lake.hourDir(TOPIC, HOUR),
                LakeLayout.dataFileName(TOPIC, partition, 0, last));
        org.apache.hadoop.fs.Path temp = Lake.tempFor(target, "here");
        EventFileWriter writer = new EventFileWriter(lake.fs(), temp, TOPIC, lake.conf(), 1 << 20);
        for (long offset = 0; offset <= last; offset++) {
            Object[] values = new Object[TOPIC.schema().fields().size()];
            values[0] = "m-" + offset;
            values[1] = HOUR.startMillis() + offset;
            values[2] = "job";
            writer.write(new LandedRow(values, null, partition, offset));
        }
        FileFooter footer = new FileFooter(TOPIC.topicName(), partition, 0, last, HOUR.startMillis(),
                HOUR.startMillis() + last, TOPIC.schema().version(), rows, rows, "here");
        writer.close(footer);
        lake.publish(temp, target);
        return footer;
    }
}
