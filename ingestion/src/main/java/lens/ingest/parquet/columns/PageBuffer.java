package lens.ingest.parquet.columns;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.parquet.bytes.BytesInput;

/** One page's bytes before compression: a growable little-endian buffer, reused page after page. */
final class PageBuffer {

    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] bytes = new byte[64 * 1024];
    private int size;

    void reset() {
        size = 0;
    }

    int size() {
        return size;
    }

    BytesInput asBytesInput() {
        return BytesInput.from(bytes, 0, size);
    }

    void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }

    void writeByte(int value) {
        ensure(1);
        bytes[size++] = (byte) value;
    }

    void writeIntLE(int value) {
        ensure(4);
        INT_LE.set(bytes, size, value);
        size += 4;
    }

    void setIntLE(int at, int value) {
        INT_LE.set(bytes, at, value);
    }

    void writeLongLE(long value) {
        ensure(8);
        LONG_LE.set(bytes, size, value);
        size += 8;
    }

    void writeBytes(byte[] source, int offset, int length) {
        ensure(length);
        System.arraycopy(source, offset, bytes, size, length);
        size += length;
    }

    /** Unsigned LEB128, as Parquet's run headers use. */
    void writeUnsignedVarInt(int value) {
        ensure(5);
        while ((value & ~0x7F) != 0) {
            bytes[size++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        bytes[size++] = (byte) value;
    }

    /** A value of an RLE run: the fewest whole bytes that hold {@code bitWidth} bits, little-endian. */
    void writeRunValue(int value, int bitWidth) {
        for (int i = 0; i < (bitWidth + 7) / 8; i++) {
            writeByte(value >>> (8 * i));
        }
    }

    void write(BytesInput input) {
        byte[] array = toArray(input);
        writeBytes(array, 0, array.length);
    }

    private static byte[] toArray(BytesInput input) {
        try {
            return input.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
