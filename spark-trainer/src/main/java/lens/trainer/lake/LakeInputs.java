package lens.trainer.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import lens.events.EventHour;
import lens.events.LakeLayout;
import lens.events.Topic;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads the event lake the way every job must: only hours whose {@code _MANIFEST.json} exists (complete),
 * through Hadoop's FileSystem so local, {@code hdfs://} and {@code s3a://} roots all work.
 */
public final class LakeInputs {

    private LakeInputs() {
    }

    /** Hours in [from, to] (inclusive) that the ingester has declared complete. */
    public static List<EventHour> completedHours(SparkSession spark, String lakeRoot, Topic topic,
                                                 EventHour from, EventHour to) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        List<EventHour> hours = new ArrayList<>();
        for (EventHour hour = from; hour.compareTo(to) <= 0; hour = hour.plusHours(1)) {
            if (exists(conf, path(lakeRoot, LakeLayout.manifest(topic, hour)))) {
                hours.add(hour);
            }
        }
        return hours;
    }

    /** The rows of the given hours, with the contract's schema plus {@code date} and {@code hour}. */
    public static Dataset<Row> read(SparkSession spark, String lakeRoot, Topic topic, List<EventHour> hours) {
        if (hours.isEmpty()) {
            return spark.createDataFrame(List.of(), SparkSchemas.tableSchema(topic));
        }
        String[] paths = hours.stream()
                .map(hour -> path(lakeRoot, LakeLayout.hourDir(topic, hour)).toString())
                .toArray(String[]::new);
        return spark.read()
                .schema(SparkSchemas.tableSchema(topic))
                .option("basePath", path(lakeRoot, LakeLayout.topicDir(topic)).toString())
                .parquet(paths);
    }

    /** Complete hours of {@code topic} in the window of {@code hours} hours ending with {@code last}. */
    public static Dataset<Row> readWindow(SparkSession spark, String lakeRoot, Topic topic, EventHour last,
                                          int hours) {
        return read(spark, lakeRoot, topic, completedHours(spark, lakeRoot, topic, last.plusHours(1 - hours), last));
    }

    public static Path path(String lakeRoot, String relative) {
        return new Path(lakeRoot.endsWith("/") ? lakeRoot + relative : lakeRoot + "/" + relative);
    }

    private static boolean exists(Configuration conf, Path path) {
        try {
            FileSystem fs = path.getFileSystem(conf);
            return fs.exists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the lake at " + path, e);
        }
    }
}
