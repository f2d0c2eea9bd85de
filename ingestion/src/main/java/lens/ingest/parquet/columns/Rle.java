package lens.ingest.parquet.columns;

import java.io.IOException;
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
        int start = out.size();
        int bitWidth = bitWidth(maxLevel);
        if (allEqual(levels, from, to)) {
            out.writeUnsignedVarInt((to - from) << 1);
            out.writeRunValue(levels[from], bitWidth);
        } else {
            try (RunLengthBitPackingHybridEncoder encoder = encoder(bitWidth, to - from)) {
                for (int i = from; i < to; i++) {
                    encoder.writeInt(levels[i]);
                }
                out.write(encoder.toBytes());
            }
        }
        out.setIntLE(lengthAt, out.size() - start);
    }

    /** Dictionary ids of a data page: the bit width in one byte, then the hybrid runs. */
    static void writeIds(PageBuffer out, int[] ids, int from, int to, int bitWidth) throws IOException {
        out.writeByte(bitWidth);
        if (allEqual(ids, from, to)) {
            out.writeUnsignedVarInt((to - from) << 1);
            out.writeRunValue(ids[from], bitWidth);
            return;
        }
        try (RunLengthBitPackingHybridEncoder encoder = encoder(bitWidth, to - from)) {
            for (int i = from; i < to; i++) {
                encoder.writeInt(ids[i]);
            }
            out.write(encoder.toBytes());
        }
    }

    private static RunLengthBitPackingHybridEncoder encoder(int bitWidth, int values) {
        int bytes = Math.max(64, values * Math.max(1, bitWidth) / 8 + 64);
        return new RunLengthBitPackingHybridEncoder(bitWidth, bytes, Math.max(bytes, 64 * 1024),
                HeapByteBufferAllocator.getInstance());
    }

    private static boolean allEqual(byte[] values, int from, int to) {
        byte first = values[from];
        for (int i = from + 1; i < to; i++) {
            if (values[i] != first) {
                return false;
            }
        }
        return true;
    }

    private static boolean allEqual(int[] values, int from, int to) {
        int first = values[from];
        for (int i = from + 1; i < to; i++) {
            if (values[i] != first) {
                return false;
            }
        }
        return true;
    }
}
