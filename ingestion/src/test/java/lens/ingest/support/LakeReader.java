package lens.ingest.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import lens.events.EventHour;
import lens.events.HourManifest;
import lens.events.LakeLayout;
import lens.events.Topic;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;

/** Reads a local lake back with plain parquet-hadoop, as any reader would (hidden files ignored). */
public final class LakeReader {

    /** One landed row: its id, Kafka coordinates, and the hour folder it sits in. */
    public record Row(String eventId, long timestamp, int partition, long offset, EventHour folderHour, Path file) {
    }

    private LakeReader() {
    }

    public static List<Path> dataFiles(Path lake, Topic topic) {
        Path dir = lake.resolve(LakeLayout.topicDir(topic));
        if (!Files.exists(dir)) {
            return List.of();
        }
        return walk(dir, files -> files.filter(Files::isRegularFile)
                .filter(p -> p.getFileName().toString().endsWith(".parquet"))
                .filter(p -> !p.getFileName().toString().startsWith("."))
                .sorted().toList());
    }

    /**
     * Walks a folder that a live ingester may be writing: a temp file renamed between the folder's listing and the
     * walk's look at it ends the walk with NoSuchFileException, so the walk starts again (a few times).
     */
    private static List<Path> walk(Path dir, java.util.function.Function<Stream<Path>, List<Path>> select) {
        for (int attempt = 1; ; attempt++) {
            try (Stream<Path> files = Files.walk(dir)) {
                return select.apply(files);
            } catch (UncheckedIOException e) {
                if (!(e.getCause() instanceof java.nio.file.NoSuchFileException) || attempt == 10) {
                    throw e;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public static List<Path> hiddenTempFiles(Path lake) {
        return walk(lake, files -> files.filter(Files::isRegularFile)
                .filter(p -> p.getFileName().toString().endsWith(".tmp")).toList());
    }

    public static List<Row> rows(Path lake, Topic topic) {
        List<Row> rows = new ArrayList<>();
        for (Path file : dataFiles(lake, topic)) {
            EventHour hour = EventHour.parse(file.getParent().getParent().getFileName().toString().substring(5) + "T"
                    + file.getParent().getFileName().toString().substring(5));
            rows.addAll(rowsOf(file, hour));
        }
        return rows;
    }

    public static List<Row> rowsOf(Path file, EventHour hour) {
        List<Row> rows = new ArrayList<>();
        try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(),
                new org.apache.hadoop.fs.Path(file.toUri())).build()) {
            for (Group g = reader.read(); g != null; g = reader.read()) {
                rows.add(new Row(g.getString("eventId", 0), g.getLong("timestamp", 0),
                        g.getInteger(LakeLayout.COLUMN_KAFKA_PARTITION, 0), g.getLong(LakeLayout.COLUMN_KAFKA_OFFSET, 0),
                        hour, file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /** Rows of the files the hours' manifests list (how jobs read the lake), hours without a manifest left out. */
    public static List<Row> manifestedRows(Path lake, Topic topic) {
        List<Row> rows = new ArrayList<>();
        for (Path manifestFile : manifests(lake, topic)) {
            HourManifest manifest = HourManifest.fromJson(read(manifestFile));
            for (HourManifest.DataFile file : manifest.files()) {
                rows.addAll(rowsOf(manifestFile.resolveSibling(file.name()), manifest.eventHour()));
            }
        }
        return rows;
    }

    public static List<Path> manifests(Path lake, Topic topic) {
        Path dir = lake.resolve(LakeLayout.topicDir(topic));
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().equals(LakeLayout.MANIFEST)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static MessageType schema(Path file) {
        try (ParquetFileReader reader = ParquetFileReader.open(
                HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))) {
            return reader.getFooter().getFileMetaData().getSchema();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Map<String, String> footer(Path file) {
        try (ParquetFileReader reader = ParquetFileReader.open(
                HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))) {
            return reader.getFooter().getFileMetaData().getKeyValueMetaData();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
