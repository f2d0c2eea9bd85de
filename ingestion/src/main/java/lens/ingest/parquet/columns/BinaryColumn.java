package lens.ingest.parquet.columns;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.statistics.Statistics;

/** A BINARY (UTF-8 string) leaf: every value's bytes back to back, with where each ends. */
final class BinaryColumn extends LeafColumn {

    private byte[] bytes = new byte[16 * 1024];
    private int[] ends = new int[1024];
    private int byteCount;
    /** The chunk's dictionary ids while it is written (null when PLAIN), and which ids a page has seen. */
    private int[] chunkIds;
    /** Reused chunk after chunk, like the id array. */
    private final BinaryIds index = new BinaryIds();
    private int[] idStamps = new int[0];
    private int pageStamp;

    BinaryColumn(ColumnDescriptor descriptor, boolean keepsStatistics, boolean triesDictionary) {
        super(descriptor, keepsStatistics, triesDictionary);
    }

    void appendString(String value, int repetition) {
        appendPresent(repetition);
        // the JDK's encoder copies an ASCII string's bytes in bulk; a loop here per char was slower
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        ensureBytes(utf8.length);
        System.arraycopy(utf8, 0, bytes, byteCount, utf8.length);
        endValue(byteCount + utf8.length);
    }

    private void ensureBytes(int more) {
        if (byteCount + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, byteCount + more));
        }
    }

    private void endValue(int end) {
        if (values == ends.length) {
            ends = Arrays.copyOf(ends, values * 2);
        }
        ends[values++] = end;
        byteCount = end;
    }

    private int start(int value) {
        return value == 0 ? 0 : ends[value - 1];
    }

    @Override
    long valueBytes() {
        return byteCount + 4L * values;
    }

    @Override
    void resetValues() {
        byteCount = 0;
        chunkIds = null;
    }

    @Override
    void writePlain(PageBuffer out, int from, int to) {
        for (int i = from; i < to; i++) {
            int start = start(i);
            out.writeIntLE(ends[i] - start);
            out.writeBytes(bytes, start, ends[i] - start);
        }
    }

    @Override
    Statistics<?> statistics(int from, int to, long nulls) {
        if (from == to) {
            return nullsOnly(nulls);
        }
        int min = from;
        int max = from;
        if (chunkIds != null) {
            // a dictionary-encoded page compares each distinct value once, not every value
            int page = ++pageStamp;
            for (int i = from; i < to; i++) {
                int id = chunkIds[i];
                if (idStamps[id] != page) {
                    idStamps[id] = page;
                    if (compare(i, min) < 0) {
                        min = i;
                    }
                    if (compare(i, max) > 0) {
                        max = i;
                    }
                }
            }
        } else {
            for (int i = from + 1; i < to; i++) {
                if (compare(i, min) < 0) {
                    min = i;
                }
                if (compare(i, max) > 0) {
                    max = i;
                }
            }
        }
        return Statistics.getBuilderForReading(type()).withMin(copy(min)).withMax(copy(max)).withNumNulls(nulls)
                .build();
    }

    /** UTF-8 strings order as their unsigned bytes, which is Parquet's order for STRING columns. */
    private int compare(int a, int b) {
        return Arrays.compareUnsigned(bytes, start(a), ends[a], bytes, start(b), ends[b]);
    }

    private byte[] copy(int value) {
        return Arrays.copyOfRange(bytes, start(value), ends[value]);
    }

    @Override
    Dictionary dictionary(int maxBytes) {
        index.clear(bytes);
        int[] ids = idArray();
        long entryBytes = 0;
        for (int i = 0; i < values; i++) {
            int start = start(i);
            int id = index.idOf(start, ends[i]);
            if (id < 0) {
                entryBytes += 4 + ends[i] - start;
                if (entryBytes > maxBytes) {
                    return null;
                }
                id = index.add(start, ends[i]);
            }
            ids[i] = id;
        }
        int size = index.size();
        if (!dictionaryPays(size, entryBytes, valueBytes())) {
            return null;
        }
        chunkIds = ids;
        if (idStamps.length < size) {
            idStamps = new int[Math.max(size, idStamps.length * 2)];
            pageStamp = 0;
        }
        return new Dictionary(ids, size, out -> {
            for (int id = 0; id < size; id++) {
                int start = index.start(id);
                int length = index.end(id) - start;
                out.writeIntLE(length);
                out.writeBytes(bytes, start, length);
            }
        });
    }
}
