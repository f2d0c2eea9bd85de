package lens.ingest.landing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Map;
import lens.events.EventHour;
import lens.events.Topic;
import lens.ingest.lake.Lake;
import lens.ingest.parquet.EventFileWriter;
import lens.ingest.parquet.FileFooter;
import lens.ingest.parquet.LandedRow;
import lens.ingest.support.LakeReader;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rows handed to the encoder threads in chunks land in offset order; a failed chunk fails the file's close. */
class OpenHourFileTest {

    private static final Topic TOPIC = Topic.USER_INTERACTIONS;
    private static final EventHour HOUR = EventHour.parse("2026-11-29T08");

    @TempDir
    java.nio.file.Path dir;

    // a budget (bytes) smaller than a chunk: the consumer side must wait for the encoders, never deadlock
    private final EncoderPool pool = new EncoderPool(2, 7 * PAYLOAD);

    @AfterEach
    void stopPool() {
        pool.close();
    }

    private OpenHourFile open(String name) throws IOException {
        Lake lake = Lake.open(dir.toString(), Map.of());
        Path path = new Path(lake.hourDir(TOPIC, HOUR), name);
        return new OpenHourFile(HOUR, path, new EventFileWriter(lake.fs(), path, TOPIC, lake.conf(), 1 << 20), 0, 1,
                0, false);
    }

    /** What each test row's message would have weighed. */
    private static final int PAYLOAD = 100;

    private static LandedRow row(long offset, Object userId) {
        Object[] values = new Object[TOPIC.schema().fields().size()];
        values[0] = "e-" + offset;
        values[1] = HOUR.startMillis() + offset;
        values[2] = userId;
        values[3] = 42L;
        values[4] = "VIEW";
        return new LandedRow(values, null, 0, offset);
    }

    @Test
    void givenRowsHandedOverInSeveralChunks_whenClosedOnTheEncoders_thenTheFileHoldsThemInOffsetOrderWithItsFooter()
            throws IOException {
        OpenHourFile file = open("a.parquet");
        for (long offset = 0; offset < 300; offset++) {
            file.append(row(offset, offset), HOUR.startMillis() + offset, PAYLOAD);
            if (offset % 50 == 49) {
                file.encodePending(pool);
            }
        }
        FileFooter footer = new FileFooter(TOPIC.topicName(), 0, 0, file.lastOffset(), file.minTimestamp(),
                file.maxTimestamp(), 1, file.rows(), 300, "test");

        file.closeAsync(pool, footer);

        assertThat(file.awaitClosed()).isEqualTo(footer);
        assertThat(file.isClosed()).isTrue();
        assertThat(file.rows()).isEqualTo(300);
        assertThat(file.dataSize()).isPositive();
        assertThat(LakeReader.rowsOf(java.nio.file.Path.of(file.temp().toUri()), HOUR))
                .extracting(LakeReader.Row::offset).hasSize(300).isSorted().doesNotHaveDuplicates();
        assertThat(footerOf(file.temp())).isEqualTo(footer);
    }

    @Test
    void givenAChunkThatCannotBeEncoded_whenClosedOnTheEncoders_thenTheFailureSurfacesAndNoFooterIsWritten()
            throws IOException {
        OpenHourFile file = open("b.parquet");
        file.append(row(0, 1L), HOUR.startMillis(), PAYLOAD);
        file.encodePending(pool);
        file.append(row(1, "not a long"), HOUR.startMillis() + 1, PAYLOAD);
        file.encodePending(pool);
        file.append(row(2, 3L), HOUR.startMillis() + 2, PAYLOAD);

        file.closeAsync(pool, new FileFooter(TOPIC.topicName(), 0, 0, 2, 0, 2, 1, 3, 3, "test"));

        assertThatThrownBy(file::awaitClosed).isInstanceOf(ClassCastException.class);
        file.awaitEncoderQuietly();
        file.writer().close();
        assertThatThrownBy(() -> footerOf(file.temp())).hasMessageContaining("not a Parquet file");
    }

    private static FileFooter footerOf(Path path) throws IOException {
        org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration();
        return lens.ingest.parquet.FooterReader.read(path.getFileSystem(conf).getFileStatus(path), conf);
    }
}
