package lens.trainer.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import lens.events.EventHour;
import lens.events.HourManifest;
import lens.events.LakeLayout;
import lens.events.Topic;
import lens.trainer.testing.TestSpark;
import lens.trainer.testlake.TestLake;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs read exactly the files an hour's manifest lists: during a compaction's swap (or after a crash in it) the
 * folder holds merged files and the files they replace, and only the manifest says which count.
 */
class LakeInputsTest {

    private static final Topic TOPIC = Topic.USER_INTERACTIONS;
    private static final EventHour HOUR = EventHour.parse("2026-11-29T08");

    private static SparkSession spark;

    @TempDir
    Path root;
    private Path hourDir;
    private String landed;

    @BeforeAll
    static void startSpark() {
        spark = TestSpark.start("lake-inputs-test");
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) {
            spark.stop();
        }
    }

    /** One manifested hour of 7 events in one file. */
    @BeforeEach
    void landOneHour() throws Exception {
        TestLake lake = new TestLake(spark, root);
        for (int i = 0; i < 7; i++) {
            lake.interaction(HOUR.startMillis() + i * 60_000L, i, 10 + i, "VIEW", null);
        }
        lake.land();
        hourDir = root.resolve(LakeLayout.hourDir(TOPIC, HOUR));
        landed = HourManifest.readLocal(root, TOPIC, HOUR).orElseThrow().files().get(0).name();
    }

    private long count() {
        return LakeInputs.read(spark, root.toString(), TOPIC, List.of(HOUR)).count();
    }

    private String copyAs(int partition, long first, long last) throws Exception {
        String name = LakeLayout.dataFileName(TOPIC, partition, first, last);
        Files.copy(hourDir.resolve(landed), hourDir.resolve(name));
        return name;
    }

    private void listOnly(String name) throws Exception {
        HourManifest manifest = HourManifest.readLocal(root, TOPIC, HOUR).orElseThrow();
        HourManifest.DataFile file = manifest.files().get(0);
        HourManifest swapped = new HourManifest(manifest.topic(), manifest.hour(), manifest.revision(), manifest.rows(),
                manifest.late(), List.of(new HourManifest.DataFile(name, file.partition(), file.firstOffset(),
                file.lastOffset() + 100, file.rows(), file.minTimestamp(), file.maxTimestamp(), false)),
                manifest.watermarks(), Instant.now().toString());
        Files.write(hourDir.resolve(LakeLayout.MANIFEST), swapped.toJson());
    }

    @Test
    void givenAMergedFileNotSwappedInYet_thenOnlyTheListedFileIsRead() throws Exception {
        copyAs(0, 0, 106);

        assertThat(count()).isEqualTo(7);
        assertThat(folderCount()).as("a folder reader would count the leftover too").isEqualTo(14);
    }

    @Test
    void givenASwappedManifestAndTheReplacedFileStillThere_thenOnlyTheMergedFileIsRead() throws Exception {
        String merged = copyAs(0, 0, 106);
        listOnly(merged);

        Dataset<Row> rows = LakeInputs.read(spark, root.toString(), TOPIC, List.of(HOUR));

        assertThat(rows.count()).isEqualTo(7);
        assertThat(rows.select("date", "hour").distinct().collectAsList()).singleElement().satisfies(r -> {
            assertThat(r.get(0).toString()).isEqualTo("2026-11-29");
            assertThat(r.getInt(1)).isEqualTo(8);
        });
        Files.delete(hourDir.resolve(landed));
        assertThat(count()).isEqualTo(7);
    }

    @Test
    void givenAManifestListingNoFiles_thenTheFolderIsRead_andAnHourWithoutFolderIsEmpty() throws Exception {
        HourManifest manifest = HourManifest.readLocal(root, TOPIC, HOUR).orElseThrow();
        Files.write(hourDir.resolve(LakeLayout.MANIFEST), new HourManifest(manifest.topic(), manifest.hour(), 1,
                7, 0, List.of(), Map.of(), Instant.now().toString()).toJson());

        assertThat(count()).isEqualTo(7);
        assertThat(LakeInputs.read(spark, root.toString(), TOPIC, List.of(HOUR.plusHours(5))).count()).isZero();
    }

    @Test
    void givenALocalLake_whenRead_thenSparkListsItsFilesOnTheDriverForThatReadOnly() {
        String before = spark.conf().get(LakeInputs.PARALLEL_LISTING_THRESHOLD);

        String local = LakeInputs.withDriverListing(spark, true,
                () -> spark.conf().get(LakeInputs.PARALLEL_LISTING_THRESHOLD));
        String remote = LakeInputs.withDriverListing(spark, false,
                () -> spark.conf().get(LakeInputs.PARALLEL_LISTING_THRESHOLD));

        assertThat(local).isEqualTo(Integer.toString(Integer.MAX_VALUE));
        assertThat(remote).isEqualTo(before);
        // reads decide by the lake root: a plain path and a file: URI are both this machine's disk
        org.apache.hadoop.conf.Configuration conf = spark.sparkContext().hadoopConfiguration();
        assertThat(LakeInputs.isLocal(conf, root.toString())).isTrue();
        assertThat(LakeInputs.isLocal(conf, root.toUri().toString())).isTrue();
        assertThat(spark.conf().get(LakeInputs.PARALLEL_LISTING_THRESHOLD)).isEqualTo(before);
    }

    @Test
    void givenAReadThatFails_thenTheSessionsListingSettingIsRestored() {
        String before = spark.conf().get(LakeInputs.PARALLEL_LISTING_THRESHOLD);

        assertThatThrownBy(() -> LakeInputs.withDriverListing(spark, true, () -> {
            throw new IllegalStateException("unreadable");
        })).hasMessage("unreadable");

        assertThat(spark.conf().get(LakeInputs.PARALLEL_LISTING_THRESHOLD)).isEqualTo(before);
    }

    private long folderCount() throws Exception {
        try (Stream<Path> files = Files.list(hourDir)) {
            String[] paths = files.map(Path::toString).filter(p -> p.endsWith(".parquet")).toArray(String[]::new);
            return spark.read().parquet(paths).count();
        }
    }
}
