package lens.ingest.parquet;

import java.io.IOException;
import lens.events.Topic;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;

/**
 * Writes one Snappy-compressed event file. Memory is bounded by one row group; {@link #close(FileFooter)}
 * writes the footer (with the LENS metadata) and hsyncs before closing.
 */
public final class EventFileWriter implements AutoCloseable {

    private final EventWriteSupport writeSupport;
    private final ParquetWriter<LandedRow> writer;
    private boolean closed;

    public EventFileWriter(FileSystem fs, Path path, Topic topic, Configuration conf, long rowGroupBytes)
            throws IOException {
        this(fs, path, topic, conf, rowGroupBytes, CompressionCodecName.SNAPPY);
    }

    /** Another codec: only {@code ParquetCodecBenchmark} uses it, to weigh Snappy against the alternatives. */
    EventFileWriter(FileSystem fs, Path path, Topic topic, Configuration conf, long rowGroupBytes,
                    CompressionCodecName codec) throws IOException {
        this.writeSupport = new EventWriteSupport(topic);
        Builder builder = new Builder(new SyncOnCloseOutputFile(fs, path), writeSupport)
                .withConf(conf)
                .withCompressionCodec(codec)
                .withRowGroupSize(rowGroupBytes)
                .withPageSize((int) Math.min(1024 * 1024, rowGroupBytes))
                .withWriteMode(ParquetFileWriter.Mode.CREATE)
                .withDictionaryEncoding(true)
                // per-value level histograms and byte counts (Parquet 1.15+ size statistics): no reader of the lake
                // uses them, and they cost on every value; min/max statistics and column indexes stay
                .withSizeStatisticsEnabled(false);
        // a dictionary of values that never repeat is hashed for nothing until Parquet gives up on it
        for (String column : EventParquetSchema.uniquePerEvent(topic)) {
            builder = builder.withDictionaryEncoding(column, false);
        }
        for (String column : EventParquetSchema.uniqueIds(topic)) {
            builder = builder.withStatisticsEnabled(column, false);
        }
        this.writer = builder.build();
    }

    public void write(LandedRow row) throws IOException {
        writer.write(row);
    }

    /** Bytes written plus bytes buffered: what the file will roughly weigh if closed now. */
    public long dataSize() {
        return writer.getDataSize();
    }

    public void close(FileFooter footer) throws IOException {
        writeSupport.setFooter(footer.toMetadata());
        closed = true;
        writer.close();
    }

    /** Closes without caring about the result: the caller deletes the file. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                writer.close();
            } catch (IOException | RuntimeException ignored) {
                // aborted file, about to be deleted
            }
        }
    }

    private static final class Builder extends ParquetWriter.Builder<LandedRow, Builder> {
        private final EventWriteSupport writeSupport;

        Builder(OutputFile file, EventWriteSupport writeSupport) {
            super(file);
            this.writeSupport = writeSupport;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<LandedRow> getWriteSupport(Configuration conf) {
            return writeSupport;
        }
    }
}
