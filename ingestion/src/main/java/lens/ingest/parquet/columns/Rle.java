package lens.ingest.parquet.columns;

import java.io.IOException;
import java.util.function.IntUnaryOperator;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;

/**
 * Parquet's RLE/bit-packed hybrid for levels and dictionary ids. The common case (every value the same: a
 * column without nulls, a one-entry dictionary) is one run header written here; mixed runs go through
 * parquet-column's encoder.
 */
final class Rle {

    private Rle() {
    }

    static int bitWidth(int maxValue) {
        return 32 - Integer.numberOfLeadingZeros(maxValue);
    }

    /** Levels of data page v1: a 4-byte length, then the hybrid runs. */
    static void writeLevels(PageBuffer out, byte[] levels, int from, int to, int maxLevel) throws IOException {
        int lengthAt = out.size();
        out.writeIntLE(0);
        writeRuns(out, i -> levels[i], from, to, bitWidth(maxLevel));
        out.setIntLE(lengthAt, out.size() - lengthAt - 4);
    }

    /** Dictionary ids of a data page: the bit width in one byte, then the hybrid runs. */
    static void writeIds(PageBuffer out, int[] ids, int from, int to, int bitWidth) throws IOException {
        out.writeByte(bitWidth);
        writeRuns(out, i -> ids[i], from, to, bitWidth);
    }

    private static void writeRuns(PageBuffer out, IntUnaryOperator value, int from, int to, int bitWidth)
            throws IOException {
        if (from == to) {
            return; // a page whose rows are all null in this column has no ids
        }
        int first = value.applyAsInt(from);
        int i = from + 1;
        while (i < to && value.applyAsInt(i) == first) {
            i++;
        }
        if (i == to) {
            out.writeUnsignedVarInt((to - from) << 1);
            out.writeRunValue(first, bitWidth);
            return;
        }
        try (RunLengthBitPackingHybridEncoder encoder = encoder(bitWidth, to - from)) {
            for (int j = from; j < to; j++) {
                encoder.writeInt(value.applyAsInt(j));
            }
            out.write(encoder.toBytes());
        }
    }

    private static RunLengthBitPackingHybridEncoder encoder(int bitWidth, int values) {
        int bytes = Math.max(64, values * Math.max(1, bitWidth) / 8 + 64);
        return new RunLengthBitPackingHybridEncoder(bitWidth, bytes, Math.max(bytes, 64 * 1024),
                HeapByteBufferAllocator.getInstance());
    }
}
