package lens.ingest.parquet.columns;

import java.util.Arrays;

/**
 * Dictionary ids of byte ranges of one buffer, in order of first appearance. An entry is the range where the
 * value first appeared, so nothing is copied.
 */
final class BinaryIds {

    private byte[] bytes;
    private int[] slots = new int[256];
    private int[] hashes = new int[256];
    private int[] starts = new int[128];
    private int[] ends = new int[128];
    private int size;

    /** Forgets every entry; the ranges to come are of {@code bytes}. The table keeps its size. */
    void clear(byte[] bytes) {
        this.bytes = bytes;
        java.util.Arrays.fill(slots, 0);
        size = 0;
    }

    int idOf(int start, int end) {
        int hash = hash(start, end);
        int mask = slots.length - 1;
        for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
            int stored = slots[slot];
            if (stored == 0) {
                return -1;
            }
            int id = stored - 1;
            if (hashes[slot] == hash
                    && Arrays.equals(bytes, starts[id], ends[id], bytes, start, end)) {
                return id;
            }
        }
    }

    int add(int start, int end) {
        if ((size + 1) * 2 > slots.length) {
            grow();
        }
        if (size == starts.length) {
            starts = Arrays.copyOf(starts, size * 2);
            ends = Arrays.copyOf(ends, size * 2);
        }
        starts[size] = start;
        ends[size] = end;
        place(hash(start, end), ++size);
        return size - 1;
    }

    int size() {
        return size;
    }

    int start(int id) {
        return starts[id];
    }

    int end(int id) {
        return ends[id];
    }

    private void place(int hash, int stored) {
        int mask = slots.length - 1;
        int slot = hash & mask;
        while (slots[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        slots[slot] = stored;
        hashes[slot] = hash;
    }

    private void grow() {
        slots = new int[slots.length * 2];
        hashes = new int[hashes.length * 2];
        for (int id = 0; id < size; id++) {
            place(hash(starts[id], ends[id]), id + 1);
        }
    }

    private int hash(int start, int end) {
        int hash = 1;
        for (int i = start; i < end; i++) {
            hash = 31 * hash + bytes[i];
        }
        return hash ^ (hash >>> 16);
    }
}
