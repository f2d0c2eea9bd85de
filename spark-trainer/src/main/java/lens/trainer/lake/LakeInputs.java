package lens.trainer.lake;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import lens.events.EventHour;
import lens.events.HourManifest;
import lens.events.LakeLayout;
import lens.events.Topic;
import lens.trainer.job.SessionSetting;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads the event lake the way every job must: only hours whose {@code _MANIFEST.json} exists (complete), and
 * of those exactly the files the manifest lists, never the folder: a compaction swaps small files for merged
 * ones by rewriting the manifest, so a folder may briefly hold both (or a crashed compaction's leftovers).
 * Through Hadoop's FileSystem, so local, {@code hdfs://} and {@code s3a://} roots all work.
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
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        String[] paths = hours.stream()
                .flatMap(hour -> files(conf, lakeRoot, topic, hour).stream())
                .toArray(String[]::new);
        if (paths.length == 0) {
            return spark.createDataFrame(List.of(), SparkSchemas.tableSchema(topic));
        }
        return withDriverListing(spark, isLocal(conf, lakeRoot), () -> spark.read()
                .schema(SparkSchemas.tableSchema(topic))
                .option("basePath", path(lakeRoot, LakeLayout.topicDir(topic)).toString())
                .parquet(paths));
    }

    /**
     * Spark lists more than {@code spark.sql.sources.parallelPartitionDiscovery.threshold} (32) input paths with a
     * distributed job of one task per path. That pays off on object stores, but on a local disk it turns a month of
     * hourly files (a stat call each) into seconds of task scheduling: 3.1 s of the 100K retrain's 9 s read. Local
     * lakes are listed on the driver; the session's setting is raised only while the relation, and so its file
     * index, is created.
     */
    static <T> T withDriverListing(SparkSession spark, boolean local, Supplier<T> read) {
        return local ? SessionSetting.during(spark, PARALLEL_LISTING_THRESHOLD, Integer.toString(Integer.MAX_VALUE),
                read) : read.get();
    }

    static final String PARALLEL_LISTING_THRESHOLD = "spark.sql.sources.parallelPartitionDiscovery.threshold";

    /** Whether the lake is on this machine's file system (a plain path or {@code file:}), as Hadoop resolves it. */
    static boolean isLocal(Configuration conf, String lakeRoot) {
        return "file".equals(fileSystem(conf, path(lakeRoot, "")).getScheme());
    }

    /** Complete hours of {@code topic} in the window of {@code hours} hours ending with {@code last}. */
    public static Dataset<Row> readWindow(SparkSession spark, String lakeRoot, Topic topic, EventHour last,
                                          int hours) {
        return read(spark, lakeRoot, topic, completedHours(spark, lakeRoot, topic, last.plusHours(1 - hours), last));
    }

    /**
     * What to read of one hour: the files its manifest lists. The whole folder only where there is no list to
     * follow: no manifest (an hour the caller reads although incomplete; never compacted) or a manifest listing
     * no file (the ingester writes none such; hand-made ones and empty hours may).
     */
    static List<String> files(Configuration conf, String lakeRoot, Topic topic, EventHour hour) {
        Path dir = path(lakeRoot, LakeLayout.hourDir(topic, hour));
        Path manifestPath = new Path(dir, LakeLayout.MANIFEST);
        List<HourManifest.DataFile> listed = exists(conf, manifestPath)
                ? HourManifest.fromJson(readAll(conf, manifestPath)).files() : List.of();
        if (listed.isEmpty()) {
            return exists(conf, dir) ? List.of(dir.toString()) : List.of();
        }
        return listed.stream().map(file -> new Path(dir, file.name()).toString()).toList();
    }

    private static byte[] readAll(Configuration conf, Path path) {
        try (InputStream in = path.getFileSystem(conf).open(path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    public static Path path(String lakeRoot, String relative) {
        return new Path(lakeRoot.endsWith("/") ? lakeRoot + relative : lakeRoot + "/" + relative);
    }

    private static boolean exists(Configuration conf, Path path) {
        try {
            return fileSystem(conf, path).exists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the lake at " + path, e);
        }
    }

    private static FileSystem fileSystem(Configuration conf, Path path) {
        try {
            return path.getFileSystem(conf);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the lake at " + path, e);
        }
    }
}
