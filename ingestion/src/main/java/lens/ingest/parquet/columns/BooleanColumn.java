package lens.ingest.parquet.columns;

import java.util.Arrays;
import org.apache.parquet.bytes.BytesUtils;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.statistics.Statistics;

/** A BOOLEAN leaf: PLAIN only (one bit per value, least significant first), as Parquet v1 writes it. */
final class BooleanColumn extends LeafColumn {

    private boolean[] data = new boolean[1024];

    BooleanColumn(ColumnDescriptor descriptor, boolean keepsStatistics) {
        super(descriptor, keepsStatistics, false);
    }

    void appendBoolean(boolean value, int repetition) {
        appendPresent(repetition);
        if (values == data.length) {
            data = Arrays.copyOf(data, values * 2);
        }
        data[values++] = value;
    }

    @Override
    long valueBytes() {
        return values;
    }

    @Override
    void resetValues() {
        // the array is kept for the next row group
    }

    @Override
    void writePlain(PageBuffer out, int from, int to) {
        int packed = 0;
        int bit = 0;
        for (int i = from; i < to; i++) {
            if (data[i]) {
                packed |= 1 << bit;
            }
            if (++bit == 8) {
                out.writeByte(packed);
                packed = 0;
                bit = 0;
            }
        }
        if (bit > 0) {
            out.writeByte(packed);
        }
    }

    @Override
    Statistics<?> statistics(int from, int to, long nulls) {
        if (from == to) {
            return nullsOnly(nulls);
        }
        boolean anyTrue = false;
        boolean anyFalse = false;
        for (int i = from; i < to; i++) {
            anyTrue |= data[i];
            anyFalse |= !data[i];
        }
        return Statistics.getBuilderForReading(type()).withMin(BytesUtils.booleanToBytes(!anyFalse))
                .withMax(BytesUtils.booleanToBytes(anyTrue)).withNumNulls(nulls).build();
    }

    @Override
    Dictionary dictionary(int maxBytes) {
        return null;
    }
}
