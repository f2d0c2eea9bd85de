package lens.batch.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lens.events.EventHour;
import lens.events.HourManifest;
import lens.events.LakeLayout;
import lens.events.Topic;
import lens.trainer.lake.SparkSchemas;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;

/** Writes real Parquet hours of {@code ab-test-events} into a test lake, with the ingester's manifest. */
public final class TestLake {

    private final Path root;

    public TestLake(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** Lands {@code assignments} assignment events and {@code conversions} conversions, then marks the hour complete. */
    public void landHour(EventHour hour, int assignments, int conversions) {
        append(hour, assignments, conversions, 0);
        writeManifest(hour, 1, assignments + conversions, 0);
    }

    /** Late events for a complete hour: a new file and the manifest's next revision. */
    public void landLate(EventHour hour, int conversions) {
        HourManifest current = HourManifest.readLocal(root, Topic.AB_TEST_EVENTS, hour).orElseThrow();
        append(hour, 0, conversions, (int) current.rows());
        writeManifest(hour, current.revision() + 1, current.rows() + conversions, current.late() + conversions);
    }

    /** Files without a manifest: an hour the ingester has not finished. */
    public void landIncomplete(EventHour hour, int assignments) {
        append(hour, assignments, 0, 0);
    }

    private void append(EventHour hour, int assignments, int conversions, int offsetBase) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < assignments + conversions; i++) {
            boolean conversion = i >= assignments;
            long offset = offsetBase + i;
            rows.add(RowFactory.create("e-" + hour.id() + "-" + offset, hour.startMillis() + i * 1000L, "exp-1",
                    i % 2 == 0 ? "control" : "treatment", (long) (i % 50), conversion ? "CONVERSION" : "ASSIGNMENT",
                    conversion ? 1.0 : null, null, 0, offset));
        }
        Path dir = root.resolve(LakeLayout.hourDir(Topic.AB_TEST_EVENTS, hour));
        TestSpark.get().createDataFrame(rows, SparkSchemas.fileSchema(Topic.AB_TEST_EVENTS)).coalesce(1)
                .write().mode(SaveMode.Append).parquet(dir.toString());
    }

    private void writeManifest(EventHour hour, int revision, long rows, long late) {
        HourManifest manifest = new HourManifest(Topic.AB_TEST_EVENTS.topicName(), hour.toString(), revision, rows,
                late, List.of(), Map.of("0", (long) rows), Instant.now().toString());
        Path file = root.resolve(LakeLayout.manifest(Topic.AB_TEST_EVENTS, hour));
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, manifest.toJson());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
