package lens.ingest.parquet.columns;

import java.util.Arrays;

/** Dictionary ids of long values, in order of first appearance: an open-addressing table without boxing. */
final class LongIds {

    private long[] keys = new long[256];
    /** id + 1 per slot; 0 is an empty slot. */
    private int[] slots = new int[256];
    private long[] entries = new long[128];
    private int size;

    /** Forgets every key, keeping the table's size for the next chunk. */
    void clear() {
        java.util.Arrays.fill(slots, 0);
        size = 0;
    }

    /** The id of {@code key}, or -1. */
    int idOf(long key) {
        int mask = slots.length - 1;
        for (int slot = hash(key) & mask; ; slot = (slot + 1) & mask) {
            int stored = slots[slot];
            if (stored == 0) {
                return -1;
            }
            if (keys[slot] == key) {
                return stored - 1;
            }
        }
    }

    /** Adds a key known to be absent; returns its id. */
    int add(long key) {
        if ((size + 1) * 2 > slots.length) {
            grow();
        }
        if (size == entries.length) {
            entries = Arrays.copyOf(entries, size * 2);
        }
        entries[size] = key;
        place(key, ++size);
        return size - 1;
    }

    int size() {
        return size;
    }

    long[] entries() {
        return entries;
    }

    private void place(long key, int stored) {
        int mask = slots.length - 1;
        int slot = hash(key) & mask;
        while (slots[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        slots[slot] = stored;
    }

    private void grow() {
        keys = new long[slots.length * 2];
        slots = new int[slots.length * 2];
        for (int id = 0; id < size; id++) {
            place(entries[id], id + 1);
        }
    }

    private static int hash(long key) {
        long mixed = key * 0x9E3779B97F4A7C15L;
        return (int) (mixed ^ (mixed >>> 32));
    }
}
