package lens.cli.compact;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lens.cli.Lens;
import lens.events.EventHour;
import lens.events.HourManifest;
import lens.events.LakeLayout;
import lens.events.Topic;
import lens.ingest.lake.Lake;
import lens.ingest.lake.ManifestWriter;
import lens.ingest.parquet.EventFileReader;
import lens.ingest.parquet.EventFileWriter;
import lens.ingest.parquet.FileFooter;
import lens.ingest.parquet.LandedRow;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CompactCommandTest {

    private static final EventHour HOUR = EventHour.parse("2026-11-29T08");

    @TempDir
    Path lakeRoot;
    private Lake lake;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Two topics, each with one manifested hour of three small files in partition 0 and two in partition 1. */
    @BeforeEach
    void smallFiles() throws IOException {
        lake = Lake.open(lakeRoot.toString(), Map.of());
        for (Topic topic : List.of(Topic.AB_TEST_EVENTS, Topic.USER_INTERACTIONS)) {
            for (int file = 0; file < 3; file++) {
                land(topic, 0, file * 4L, 4);
            }
            for (int file = 0; file < 2; file++) {
                land(topic, 1, file * 5L, 5);
            }
            new ManifestWriter(lake, "ingester").writeIfChanged(topic, HOUR, Map.of(0, HOUR.endMillis() + 600_000,
                    1, HOUR.endMillis() + 600_000));
        }
    }

    private int run(String... args) {
        CommandLine command = Lens.commandLine();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return command.execute(args);
    }

    @Test
    void givenSmallFiles_whenCompactingOneTopic_thenItsHourHasOneFilePerPartitionWithTheSameRows_andTheOtherIsUntouched()
            throws IOException {
        List<String> before = ids(Topic.USER_INTERACTIONS);

        int exit = run("compact", "--lake", lakeRoot.toString(), "--topic", "user-interactions", "--min-files", "2",
                "--min-age", "0s", "--from", "2026-11-29T00", "--to", "2026-11-29T23");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("user-interactions", "2026-11-29T08", "5 files ->   2", "22 rows")
                .contains("compacted 1 hours (5 files -> 2)");
        HourManifest manifest = manifest(Topic.USER_INTERACTIONS);
        assertThat(manifest.files()).extracting(HourManifest.DataFile::name).containsExactly(
                LakeLayout.dataFileName(Topic.USER_INTERACTIONS, 0, 0, 11),
                LakeLayout.dataFileName(Topic.USER_INTERACTIONS, 1, 0, 9));
        assertThat(ids(Topic.USER_INTERACTIONS)).isEqualTo(before).hasSize(22);
        assertThat(manifest(Topic.AB_TEST_EVENTS).files()).hasSize(5);
    }

    @Test
    void givenTheDefaultMinimumAge_thenAFreshlyManifestedHourIsLeftAlone() {
        assertThat(run("compact", "--lake", lakeRoot.toString(), "--min-files", "2")).isZero();

        assertThat(out.toString()).contains("compacted 0 hours").contains("2 too recent");
        assertThat(manifest(Topic.USER_INTERACTIONS).files()).hasSize(5);
    }

    @Test
    void givenABadHourOrTopic_thenItFailsWithAMessageAndTouchesNothing() {
        assertThat(run("compact", "--lake", lakeRoot.toString(), "--from", "yesterday")).isEqualTo(2);
        assertThat(run("compact", "--lake", lakeRoot.toString(), "--topic", "nope")).isEqualTo(2);

        assertThat(err.toString()).contains("lens compact:").contains("nope");
        assertThat(manifest(Topic.USER_INTERACTIONS).files()).hasSize(5);
    }

    private void land(Topic topic, int partition, long first, int rows) throws IOException {
        long last = first + rows - 1;
        org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(lake.hourDir(topic, HOUR),
                LakeLayout.dataFileName(topic, partition, first, last));
        org.apache.hadoop.fs.Path temp = Lake.tempFor(target, "test");
        EventFileWriter writer = new EventFileWriter(lake.fs(), temp, topic, lake.conf(), 1 << 20);
        for (long offset = first; offset <= last; offset++) {
            Object[] values = new Object[topic.schema().fields().size()];
            values[0] = topic.topicName() + "-" + partition + "-" + offset;
            values[1] = HOUR.startMillis() + offset;
            writer.write(new LandedRow(values, null, partition, offset));
        }
        writer.close(new FileFooter(topic.topicName(), partition, first, last, HOUR.startMillis() + first,
                HOUR.startMillis() + last, 1, rows, last + 1, "test"));
        lake.publish(temp, target);
    }

    private HourManifest manifest(Topic topic) {
        return HourManifest.readLocal(lakeRoot, topic, HOUR).orElseThrow();
    }

    /** Event ids as jobs read them: the files the manifest lists. */
    private List<String> ids(Topic topic) throws IOException {
        List<String> ids = new ArrayList<>();
        for (HourManifest.DataFile file : manifest(topic).files()) {
            org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(lake.hourDir(topic, HOUR), file.name());
            try (EventFileReader reader = new EventFileReader(lake.fs().getFileStatus(path), topic, lake.conf())) {
                for (LandedRow row = reader.next(); row != null; row = reader.next()) {
                    ids.add((String) row.values()[0]);
                }
            }
        }
        return ids.stream().sorted().toList();
    }
}
