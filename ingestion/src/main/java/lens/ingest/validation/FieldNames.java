package lens.ingest.validation;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A topic's field names, looked up by a key's bytes where they stand in the payload: no String per key. Producers
 * write fields in the contract's order, so the field expected next is checked first, in place; any other key goes
 * through a small open-addressing table hashed on its length and first and last bytes.
 */
final class FieldNames {

    private final byte[][] nameByIndex;
    private final byte[][] nameBySlot;
    private final int[] indexBySlot;
    private final int mask;

    FieldNames(List<String> names) {
        this.nameByIndex = new byte[names.size()][];
        int slots = Integer.highestOneBit(Math.max(1, names.size()) * 4 - 1) << 1; // at most a quarter full
        this.nameBySlot = new byte[slots][];
        this.indexBySlot = new int[slots];
        this.mask = slots - 1;
        for (int index = 0; index < names.size(); index++) {
            byte[] name = names.get(index).getBytes(StandardCharsets.UTF_8);
            requirePlain(name);
            nameByIndex[index] = name;
            int slot = hash(name, 0, name.length) & mask;
            while (nameBySlot[slot] != null) {
                slot = (slot + 1) & mask;
            }
            nameBySlot[slot] = name;
            indexBySlot[slot] = index;
        }
    }

    /**
     * The length of field {@code index}'s name if {@code bytes} spell it from {@code from} and a closing quote follows
     * (the quote is checked, not counted); else -1. Names are plain ASCII, so a match is the whole key, read.
     */
    int keyLengthAt(int index, byte[] bytes, int from) {
        if (index >= nameByIndex.length) {
            return -1;
        }
        byte[] name = nameByIndex[index];
        int end = from + name.length;
        return end < bytes.length && bytes[end] == '"' && JsonEventScanner.spells(name, bytes, from, end) ? name.length : -1;
    }

    /** The index of the name spelled by {@code bytes[from, to)}, or -1 when it names no field. */
    int indexOf(byte[] bytes, int from, int to) {
        if (to <= from) {
            return -1;
        }
        for (int slot = hash(bytes, from, to) & mask; nameBySlot[slot] != null; slot = (slot + 1) & mask) {
            if (JsonEventScanner.spells(nameBySlot[slot], bytes, from, to)) {
                return indexBySlot[slot];
            }
        }
        return -1;
    }

    private static int hash(byte[] bytes, int from, int to) {
        return (to - from) * 31 + bytes[from] * 7 + bytes[to - 1];
    }

    /** What a key needs to be read in place: ASCII with no quote, backslash or control character. */
    private static void requirePlain(byte[] name) {
        if (name.length == 0) {
            throw new IllegalArgumentException("a field name must not be empty");
        }
        for (byte b : name) {
            if (b < 0x20 || b == '"' || b == '\\' || b == 0x7F) {
                throw new IllegalArgumentException("field name " + new String(name, StandardCharsets.UTF_8)
                        + " is not plain ASCII");
            }
        }
    }
}
