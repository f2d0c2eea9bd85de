package lens.ingest.landing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import lens.events.EventHour;
import lens.ingest.parquet.EventFileWriter;
import lens.ingest.parquet.FileFooter;
import lens.ingest.parquet.LandedRow;
import org.apache.hadoop.fs.Path;

/**
 * A file being written: one partition's records of one event hour, from {@link #firstOffset()} on.
 *
 * <p>Rows are accounted here at once (offsets, count, event times) but encoded later, in chunks, by an
 * {@link EncoderPool} thread, so several files encode in parallel while the consumer thread polls. A file's chunks
 * run one after another, in offset order, and {@link #closeAsync} closes the file after the last of them.
 */
final class OpenHourFile {

    private final EventHour hour;
    private final Path temp;
    private final EventFileWriter writer;
    private final long firstOffset;
    private final long openedSequence;
    private final long openedAtMillis;
    private final boolean openedAfterHourPassed;
    private long lastOffset = -1;
    private long rows;
    private long minTimestamp = Long.MAX_VALUE;
    private long maxTimestamp = Long.MIN_VALUE;
    private List<LandedRow> pending = new ArrayList<>();
    /** The payload bytes of {@link #pending}: what the encoder pool bounds. */
    private long pendingBytes;
    /** The last chunk handed to the encoder: the next one runs after it. */
    private CompletableFuture<Void> encoded = CompletableFuture.completedFuture(null);
    /** Set by {@link #closeAsync}: the footer, once written and the file hsync'ed on an encoder thread. */
    private CompletableFuture<FileFooter> closed;
    /** What the encoder measured after its last chunk (the writer is not read from the consumer thread). */
    private volatile long encodedSize;

    OpenHourFile(EventHour hour, Path temp, EventFileWriter writer, long firstOffset, long openedSequence,
                 long openedAtMillis, boolean openedAfterHourPassed) {
        this.openedAtMillis = openedAtMillis;
        this.openedAfterHourPassed = openedAfterHourPassed;
        this.hour = hour;
        this.temp = temp;
        this.writer = writer;
        this.firstOffset = firstOffset;
        this.openedSequence = openedSequence;
    }

    /**
     * Whether the partition's watermark had passed this file's hour when it was opened: then it holds late records
     * only, which amend the hour's manifest when they land.
     */
    boolean openedAfterHourPassed() {
        return openedAfterHourPassed;
    }

    /** Accounts a row of {@code payloadBytes} (its message's size) and keeps it for the next chunk. */
    void append(LandedRow row, long timestamp, int payloadBytes) {
        pending.add(row);
        pendingBytes += payloadBytes;
        lastOffset = row.offset();
        rows++;
        minTimestamp = Math.min(minTimestamp, timestamp);
        maxTimestamp = Math.max(maxTimestamp, timestamp);
    }

    /** Hands the rows appended since the last call to the encoder; they are written after the chunks before them. */
    void encodePending(EncoderPool pool) {
        if (pending.isEmpty()) {
            return;
        }
        List<LandedRow> chunk = pending;
        long chunkBytes = pendingBytes;
        pending = new ArrayList<>();
        pendingBytes = 0;
        encoded = pool.submitAfter(encoded, chunkBytes, () -> {
            try {
                for (LandedRow row : chunk) {
                    writer.write(row);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            encodedSize = writer.dataSize();
        });
    }

    private <T> T join(CompletableFuture<T> future) throws IOException {
        try {
            return future.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException("encoding " + temp + " failed", cause);
        }
    }

    /** Encodes what is pending, then writes the last row group and {@code footer} and hsyncs, all on the encoder. */
    void closeAsync(EncoderPool pool, FileFooter footer) {
        encodePending(pool);
        closed = pool.runAfter(encoded, () -> {
            try {
                writer.close(footer);
                return footer;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    boolean isClosed() {
        return closed != null && closed.isDone();
    }

    /** Waits for {@link #closeAsync}; the footer the file was closed with, or why it could not be. */
    FileFooter awaitClosed() throws IOException {
        if (closed == null) {
            throw new IllegalStateException(temp + " was never closed");
        }
        return join(closed);
    }

    /** Waits for the encoder to let go of the writer, whatever became of the chunks (the file is being dropped). */
    void awaitEncoderQuietly() {
        pending = new ArrayList<>();
        pendingBytes = 0;
        encoded.handle((ignored, failure) -> null).join();
        if (closed != null) {
            closed.handle((ignored, failure) -> null).join();
        }
    }

    EventHour hour() {
        return hour;
    }

    Path temp() {
        return temp;
    }

    EventFileWriter writer() {
        return writer;
    }

    long firstOffset() {
        return firstOffset;
    }

    long lastOffset() {
        return lastOffset;
    }

    long rows() {
        return rows;
    }

    long minTimestamp() {
        return minTimestamp;
    }

    long maxTimestamp() {
        return maxTimestamp;
    }

    long openedAtMillis() {
        return openedAtMillis;
    }

    long openedSequence() {
        return openedSequence;
    }

    /** Bytes as of the last encoded chunk: rotation by size lags by the chunks still in flight (at most a few batches). */
    long dataSize() {
        return encodedSize;
    }
}
