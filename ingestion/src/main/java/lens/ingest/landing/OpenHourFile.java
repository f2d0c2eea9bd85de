package lens.ingest.landing;

import java.io.IOException;
import lens.events.EventHour;
import lens.ingest.parquet.EventFileWriter;
import lens.ingest.parquet.LandedRow;
import org.apache.hadoop.fs.Path;

/** A file being written: one partition's records of one event hour, from {@link #firstOffset()} on. */
final class OpenHourFile {

    private final EventHour hour;
    private final Path temp;
    private final EventFileWriter writer;
    private final long firstOffset;
    private final long openedSequence;
    private long lastOffset = -1;
    private long rows;
    private long minTimestamp = Long.MAX_VALUE;
    private long maxTimestamp = Long.MIN_VALUE;

    OpenHourFile(EventHour hour, Path temp, EventFileWriter writer, long firstOffset, long openedSequence) {
        this.hour = hour;
        this.temp = temp;
        this.writer = writer;
        this.firstOffset = firstOffset;
        this.openedSequence = openedSequence;
    }

    void append(LandedRow row, long timestamp) throws IOException {
        writer.write(row);
        lastOffset = row.offset();
        rows++;
        minTimestamp = Math.min(minTimestamp, timestamp);
        maxTimestamp = Math.max(maxTimestamp, timestamp);
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

    long openedSequence() {
        return openedSequence;
    }

    long dataSize() {
        return writer.dataSize();
    }
}
