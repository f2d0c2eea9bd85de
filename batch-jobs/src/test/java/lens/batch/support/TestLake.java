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

/**
 * Writes real Parquet hours into a test lake, with the ingester's manifest: {@code ab-test-events} for the test
 * jobs, and serving traffic (requests, responses, clicks) for the real {@code serving-metrics} job.
 */
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
        write(Topic.AB_TEST_EVENTS, hour, rows);
    }

    /**
     * {@code requests} recommendation requests of users in experiment {@code exp-1}, each answered (latency 10 ms +
     * its index, model {@code als}), every third one clicked, then every topic's hour marked complete.
     */
    public void landServingHour(EventHour hour, int requests) {
        appendServing(hour, requests, 0);
        for (Topic topic : List.of(Topic.RECOMMENDATION_REQUESTS, Topic.RECOMMENDATION_RESPONSES)) {
            writeManifest(topic, hour, 1, requests, 0);
        }
        writeManifest(Topic.USER_INTERACTIONS, hour, 1, (requests + 2) / 3, 0);
    }

    /** Late requests and their responses for a complete hour: new files and the next manifest revision. */
    public void landLateServing(EventHour hour, int requests) {
        HourManifest current = HourManifest.readLocal(root, Topic.RECOMMENDATION_REQUESTS, hour).orElseThrow();
        appendServing(hour, requests, (int) current.rows());
        for (Topic topic : List.of(Topic.RECOMMENDATION_REQUESTS, Topic.RECOMMENDATION_RESPONSES)) {
            writeManifest(topic, hour, current.revision() + 1, current.rows() + requests, current.late() + requests);
        }
    }

    private void appendServing(EventHour hour, int count, int offsetBase) {
        List<Row> requests = new ArrayList<>();
        List<Row> responses = new ArrayList<>();
        List<Row> clicks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long offset = offsetBase + i;
            long at = hour.startMillis() + offset * 1000L;
            String request = "r-" + hour.id() + "-" + offset;
            long user = offset % 20;
            long movie = 100 + offset % 7;
            String arm = user % 2 == 0 ? "control" : "treatment";
            requests.add(RowFactory.create("q-" + request, at, request, user, 5, "home", "exp-1", arm, null, 0,
                    offset));
            // an array column takes a Scala Seq
            Object recommended = scala.jdk.javaapi.CollectionConverters.asScala(List.of(movie, movie + 1)).toSeq();
            responses.add(RowFactory.create("a-" + request, at + 20, request, user, "als", "v1", 10.0 + offset, true,
                    null, recommended, "exp-1", arm, null, 0, offset));
            if (offsetBase == 0 && i % 3 == 0) {
                clicks.add(RowFactory.create("c-" + request, at + 60_000, user, movie, "CLICK", null, null, null,
                        request, null, 0, offset));
            }
        }
        write(Topic.RECOMMENDATION_REQUESTS, hour, requests);
        write(Topic.RECOMMENDATION_RESPONSES, hour, responses);
        if (!clicks.isEmpty()) {
            write(Topic.USER_INTERACTIONS, hour, clicks);
        }
    }

    private void write(Topic topic, EventHour hour, List<Row> rows) {
        Path dir = root.resolve(LakeLayout.hourDir(topic, hour));
        TestSpark.get().createDataFrame(rows, SparkSchemas.fileSchema(topic)).coalesce(1)
                .write().mode(SaveMode.Append).parquet(dir.toString());
    }

    private void writeManifest(EventHour hour, int revision, long rows, long late) {
        writeManifest(Topic.AB_TEST_EVENTS, hour, revision, rows, late);
    }

    private void writeManifest(Topic topic, EventHour hour, int revision, long rows, long late) {
        HourManifest manifest = new HourManifest(topic.topicName(), hour.toString(), revision, rows,
                late, List.of(), Map.of("0", (long) rows), Instant.now().toString());
        Path file = root.resolve(LakeLayout.manifest(topic, hour));
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, manifest.toJson());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
