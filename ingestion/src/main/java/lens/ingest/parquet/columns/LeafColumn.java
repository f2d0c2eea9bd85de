package lens.ingest.parquet.columns;

import java.util.Arrays;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.schema.PrimitiveType;

/**
 * One Parquet leaf column of the row group being buffered: its levels (one entry per value or null, as Parquet
 * counts them) and its values, in primitive arrays. Subclasses hold the values and know their encodings.
 */
abstract class LeafColumn {

    final ColumnDescriptor descriptor;
    final int maxDefinition;
    final int maxRepetition;
    final boolean keepsStatistics;
    final boolean triesDictionary;
    private byte[] definitions = new byte[1024];
    private byte[] repetitions;
    int levels;
    int values;
    /** Dictionary ids of the chunk being written, reused chunk after chunk (new per chunk, they were much garbage). */
    private int[] ids = new int[0];

    LeafColumn(ColumnDescriptor descriptor, boolean keepsStatistics, boolean triesDictionary) {
        this.descriptor = descriptor;
        this.maxDefinition = descriptor.getMaxDefinitionLevel();
        this.maxRepetition = descriptor.getMaxRepetitionLevel();
        this.keepsStatistics = keepsStatistics;
        this.triesDictionary = triesDictionary;
        this.repetitions = maxRepetition > 0 ? new byte[1024] : null;
    }

    /** No value at this level: a null field, or a null or empty list or map. */
    final void appendNull(int definition) {
        level(definition, 0); // a null or empty value always starts its row
    }

    /** A value follows (the subclass stores it at index {@link #values} and increments it). */
    final void appendPresent(int repetition) {
        level(maxDefinition, repetition);
    }

    private void level(int definition, int repetition) {
        if (levels == definitions.length) {
            definitions = Arrays.copyOf(definitions, levels * 2);
            if (repetitions != null) {
                repetitions = Arrays.copyOf(repetitions, levels * 2);
            }
        }
        definitions[levels] = (byte) definition;
        if (repetitions != null) {
            repetitions[levels] = (byte) repetition;
        }
        levels++;
    }

    byte[] definitions() {
        return definitions;
    }

    byte[] repetitions() {
        return repetitions;
    }

    /** Whether the level at {@code index} starts a row (always, for a column outside any list or map). */
    final boolean startsRow(int index) {
        return repetitions == null || repetitions[index] == 0;
    }

    /** Bytes held in memory: what the row-group budget counts. */
    final long bufferedBytes() {
        return (long) levels * (repetitions == null ? 1 : 2) + valueBytes();
    }

    void reset() {
        levels = 0;
        values = 0;
        resetValues();
    }

    PrimitiveType type() {
        return descriptor.getPrimitiveType();
    }

    /** Statistics with only the null count: for columns whose min/max prune nothing. */
    Statistics<?> nullsOnly(long nulls) {
        return Statistics.getBuilderForReading(type()).withNumNulls(nulls).build();
    }

    abstract long valueBytes();

    abstract void resetValues();

    /** Values {@code [from, to)} in PLAIN encoding. */
    abstract void writePlain(PageBuffer out, int from, int to);

    /** Min/max of values {@code [from, to)}, with the page's null count. */
    abstract Statistics<?> statistics(int from, int to, long nulls);

    /** The values as dictionary ids, or null when a dictionary would exceed {@code maxBytes} or not pay. */
    abstract Dictionary dictionary(int maxBytes);

    /** A dictionary-encoded chunk: ids per value, and how to write the entries (PLAIN) in the dictionary page. */
    record Dictionary(int[] ids, int size, java.util.function.Consumer<PageBuffer> entries) {

        /** The bits an id takes in a data page. */
        int bitWidth() {
            return bitWidth(size);
        }

        static int bitWidth(int size) {
            return Rle.bitWidth(Math.max(0, size - 1));
        }

        void writeEntries(PageBuffer out) {
            entries.accept(out);
        }
    }

    /** An array for one id per value of this chunk (the reused one, grown when needed). */
    final int[] idArray() {
        if (ids.length < values) {
            ids = new int[Math.max(values, ids.length + ids.length / 2)];
        }
        return ids;
    }

    /** Whether dictionary ids (at the bit width {@code size} needs) plus the entries beat PLAIN. */
    final boolean dictionaryPays(int size, long entryBytes, long plainBytes) {
        long idBytes = ((long) values * Dictionary.bitWidth(size) + 7) / 8;
        return idBytes + entryBytes < plainBytes;
    }
}
