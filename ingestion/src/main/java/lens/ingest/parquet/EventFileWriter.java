package lens.ingest.parquet;

import java.io.IOException;
import lens.events.Topic;
import lens.ingest.parquet.columns.ColumnChunkWriter;
import lens.ingest.parquet.columns.EventColumns;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Writes one compressed event file (Snappy by default). Rows are buffered column by column ({@link EventColumns})
 * up to the row-group budget, then encoded and written as one row group; {@link #close(FileFooter)} writes the
 * last row group and the footer (with the LENS metadata) and hsyncs before closing.
 *
 * <p>Parquet-mr's record writer is not used: it shreds and encodes every value through several layers, and it
 * was about half of the ingester's CPU. The file format is the same (data page v1, PLAIN or dictionary, RLE levels,
 * min/max per page and column indexes), written through parquet-mr's {@link ParquetFileWriter}.
 */
public final class EventFileWriter implements AutoCloseable {

    private static final int PAGE_BYTES = 1024 * 1024;

    private final ParquetFileWriter file;
    private EventColumns columns;
    private final ColumnChunkWriter chunks;
    private final CodecFactory codecs;
    private final long rowGroupBytes;

    public EventFileWriter(FileSystem fs, Path path, Topic topic, Configuration conf, long rowGroupBytes)
            throws IOException {
        this(fs, path, topic, conf, rowGroupBytes, CompressionCodecName.SNAPPY);
    }

    /** Another codec: only {@code ParquetCodecBenchmark} uses it, to weigh Snappy against the alternatives. */
    EventFileWriter(FileSystem fs, Path path, Topic topic, Configuration conf, long rowGroupBytes,
                    CompressionCodecName codec) throws IOException {
        this.rowGroupBytes = rowGroupBytes;
        this.columns = EventColumns.take(topic);
        this.codecs = new CodecFactory(conf, PAGE_BYTES);
        this.chunks = new ColumnChunkWriter(codecs.getCompressor(codec), codec, PAGE_BYTES);
        this.file = new ParquetFileWriter(new SyncOnCloseOutputFile(fs, path), EventParquetSchema.of(topic),
                ParquetFileWriter.Mode.CREATE, rowGroupBytes, 0, null, ParquetProperties.builder().build());
        try {
            file.start();
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    public void write(LandedRow row) throws IOException {
        columns.append(row);
        // the budget is summed over every column: checked every few rows, it may overshoot by a few rows' bytes
        if ((columns.rows() & 63) == 0 && columns.bufferedBytes() >= rowGroupBytes) {
            columns.writeRowGroup(file, chunks);
        }
    }

    /** Bytes written plus bytes buffered: what the file will at most weigh if closed now. */
    public long dataSize() {
        if (columns == null) {
            return 0; // closed
        }
        try {
            return file.getPos() + columns.bufferedBytes();
        } catch (IOException e) {
            return columns.bufferedBytes();
        }
    }

    public void close(FileFooter footer) throws IOException {
        try {
            columns.writeRowGroup(file, chunks);
            file.end(footer.toMetadata());
        } finally {
            file.close();
            releaseBuffers();
        }
    }

    /** Afterwards {@code columns} is null: the writer is closed. */
    private void releaseBuffers() {
        codecs.release();
        columns.release();
        columns = null;
    }

    /** Closes without caring about the result: the caller deletes the file. */
    @Override
    public void close() {
        if (columns != null) {
            try {
                file.close();
            } catch (IOException | RuntimeException ignored) {
                // aborted file, about to be deleted
            } finally {
                releaseBuffers();
            }
        }
    }
}
