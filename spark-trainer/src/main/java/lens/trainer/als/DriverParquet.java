package lens.trainer.als;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * An (int, int, double) table that lives on the driver written straight to one Parquet file, without a Spark job:
 * handing a few hundred thousand driver rows to Spark only to write them ships them all inside the job's tasks.
 * The folder reads back like any Spark output ({@code spark.read().parquet(dir)}).
 */
final class DriverParquet {

    static final String FILE = "part-00000.parquet";

    private DriverParquet() {
    }

    /** Replaces {@code dir} (a local folder of the model registry) with one file of the three columns. */
    static void writeTriples(Configuration conf, Path dir, String first, String second, String third, int[] a,
                             int[] b, double[] c) {
        MessageType schema = Types.buildMessage()
                .required(PrimitiveTypeName.INT32).named(first)
                .required(PrimitiveTypeName.INT32).named(second)
                .required(PrimitiveTypeName.DOUBLE).named(third)
                .named("table");
        SimpleGroupFactory rows = new SimpleGroupFactory(schema);
        try {
            deleteRecursively(dir);
            Files.createDirectories(dir);
            org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(dir.resolve(FILE).toUri());
            try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(HadoopOutputFile.fromPath(file, conf))
                    .withType(schema)
                    .withConf(conf)
                    .withCompressionCodec(CompressionCodecName.SNAPPY)
                    .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                    .build()) {
                for (int i = 0; i < a.length; i++) {
                    writer.write(rows.newGroup().append(first, a[i]).append(second, b[i]).append(third, c[i]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + dir, e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
