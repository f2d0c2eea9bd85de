package lens.ingest.parquet.columns;

import java.util.Arrays;
import org.apache.parquet.bytes.BytesUtils;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/** An INT32, INT64 or DOUBLE leaf. Values are held as longs (a double as its bits), so one dictionary serves all. */
final class NumberColumn extends LeafColumn {

    private final PrimitiveTypeName physical;
    private final int width;
    private long[] data = new long[1024];
    /** Reused chunk after chunk, like the id array. */
    private final LongIds index = new LongIds();

    NumberColumn(ColumnDescriptor descriptor, boolean keepsStatistics, boolean triesDictionary) {
        super(descriptor, keepsStatistics, triesDictionary);
        this.physical = descriptor.getPrimitiveType().getPrimitiveTypeName();
        if (physical != PrimitiveTypeName.INT32 && physical != PrimitiveTypeName.INT64
                && physical != PrimitiveTypeName.DOUBLE) {
            throw new IllegalArgumentException("not a number column: " + descriptor);
        }
        this.width = physical == PrimitiveTypeName.INT32 ? 4 : 8;
    }

    void appendLong(long value, int repetition) {
        appendPresent(repetition);
        if (values == data.length) {
            data = Arrays.copyOf(data, values * 2);
        }
        data[values++] = value;
    }

    void appendDouble(double value, int repetition) {
        appendLong(Double.doubleToRawLongBits(value), repetition);
    }

    @Override
    long valueBytes() {
        return (long) values * width;
    }

    @Override
    void resetValues() {
        // arrays are kept for the next row group
    }

    @Override
    void writePlain(PageBuffer out, int from, int to) {
        out.ensure((to - from) * width);
        if (width == 4) {
            for (int i = from; i < to; i++) {
                out.writeIntLE((int) data[i]);
            }
        } else {
            for (int i = from; i < to; i++) {
                out.writeLongLE(data[i]);
            }
        }
    }

    @Override
    Statistics<?> statistics(int from, int to, long nulls) {
        if (from == to) {
            return nullsOnly(nulls);
        }
        byte[] min;
        byte[] max;
        if (physical == PrimitiveTypeName.DOUBLE) {
            double low = Double.longBitsToDouble(data[from]);
            double high = low;
            for (int i = from + 1; i < to; i++) {
                double value = Double.longBitsToDouble(data[i]);
                low = Math.min(low, value);
                high = Math.max(high, value);
            }
            // Parquet's rule for signed zeros: a zero bound is written so that both zeros fall inside it
            low = low == 0.0 ? -0.0 : low;
            high = high == 0.0 ? 0.0 : high;
            min = BytesUtils.longToBytes(Double.doubleToLongBits(low));
            max = BytesUtils.longToBytes(Double.doubleToLongBits(high));
        } else {
            long low = data[from];
            long high = low;
            for (int i = from + 1; i < to; i++) {
                low = Math.min(low, data[i]);
                high = Math.max(high, data[i]);
            }
            min = width == 4 ? BytesUtils.intToBytes((int) low) : BytesUtils.longToBytes(low);
            max = width == 4 ? BytesUtils.intToBytes((int) high) : BytesUtils.longToBytes(high);
        }
        return Statistics.getBuilderForReading(type()).withMin(min).withMax(max).withNumNulls(nulls).build();
    }

    @Override
    Dictionary dictionary(int maxBytes) {
        int maxEntries = maxBytes / width;
        index.clear();
        int[] ids = idArray();
        for (int i = 0; i < values; i++) {
            int id = index.idOf(data[i]);
            if (id < 0) {
                if (index.size() == maxEntries) {
                    return null;
                }
                id = index.add(data[i]);
            }
            ids[i] = id;
        }
        int size = index.size();
        if (!dictionaryPays(size, (long) size * width, valueBytes())) {
            return null;
        }
        long[] entries = index.entries();
        return new Dictionary(ids, size, out -> {
            for (int i = 0; i < size; i++) {
                if (width == 4) {
                    out.writeIntLE((int) entries[i]);
                } else {
                    out.writeLongLE(entries[i]);
                }
            }
        });
    }
}
