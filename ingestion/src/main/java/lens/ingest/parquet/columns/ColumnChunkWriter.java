package lens.ingest.parquet.columns;

import java.io.IOException;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Writes a buffered leaf as one column chunk: a dictionary page when a dictionary pays, then data pages (v1) that
 * each hold whole rows. What parquet-mr does value by value is done here once per page, over primitive arrays.
 */
public final class ColumnChunkWriter {

    /** parquet-mr's defaults: a page holds at most 20,000 rows, and a dictionary at most 1 MB. */
    static final int MAX_PAGE_ROWS = 20_000;
    static final int MAX_DICTIONARY_BYTES = 1024 * 1024;

    private final BytesInputCompressor compressor;
    private final CompressionCodecName codec;
    private final int pageBytes;

    public ColumnChunkWriter(BytesInputCompressor compressor, CompressionCodecName codec, int pageBytes) {
        this.compressor = compressor;
        this.codec = codec;
        this.pageBytes = pageBytes;
    }

    void write(ParquetFileWriter file, LeafColumn leaf, int rows, PageBuffer page) throws IOException {
        LeafColumn.Dictionary dictionary = leaf.triesDictionary ? leaf.dictionary(MAX_DICTIONARY_BYTES) : null;
        file.startColumn(leaf.descriptor, leaf.levels, codec);
        if (dictionary != null) {
            page.reset();
            dictionary.writeEntries(page);
            BytesInput compressed = compressor.compress(page.asBytesInput());
            file.writeDictionaryPage(new DictionaryPage(compressed, page.size(), dictionary.size(),
                    Encoding.PLAIN_DICTIONARY));
        }
        int rowsPerPage = rowsPerPage(leaf, rows);
        byte[] definitions = leaf.definitions();
        long chunkNulls = 0;
        int level = 0;
        int value = 0;
        while (level < leaf.levels) {
            int end = level;
            int pageRows = 0;
            int pageValues = 0;
            // a page ends before a level that starts a row, once it holds its rows
            while (end < leaf.levels) {
                if (leaf.startsRow(end)) {
                    if (pageRows == rowsPerPage) {
                        break;
                    }
                    pageRows++;
                }
                if (definitions[end] == leaf.maxDefinition) {
                    pageValues++;
                }
                end++;
            }
            long nulls = (end - level) - pageValues;
            page.reset();
            if (leaf.maxRepetition > 0) {
                Rle.writeLevels(page, leaf.repetitions(), level, end, leaf.maxRepetition);
            }
            if (leaf.maxDefinition > 0) {
                Rle.writeLevels(page, definitions, level, end, leaf.maxDefinition);
            }
            if (dictionary != null) {
                Rle.writeIds(page, dictionary.ids(), value, value + pageValues, dictionary.bitWidth());
            } else {
                leaf.writePlain(page, value, value + pageValues);
            }
            Statistics<?> statistics = leaf.keepsStatistics ? leaf.statistics(value, value + pageValues, nulls)
                    : leaf.nullsOnly(nulls);
            int uncompressed = page.size();
            BytesInput compressed = compressor.compress(page.asBytesInput());
            file.writeDataPage(end - level, uncompressed, compressed, statistics, pageRows,
                    levelEncoding(leaf.maxRepetition), levelEncoding(leaf.maxDefinition),
                    dictionary != null ? Encoding.PLAIN_DICTIONARY : Encoding.PLAIN);
            chunkNulls += nulls;
            level = end;
            value += pageValues;
        }
        if (!leaf.keepsStatistics) {
            // no min/max kept: the chunk says so, and no column index claims its pages hold only nulls
            file.invalidateStatistics(leaf.nullsOnly(chunkNulls));
        }
        file.endColumn();
    }

    /** Enough rows to fill a page of about {@code pageBytes}, and never more than parquet-mr's row limit. */
    private int rowsPerPage(LeafColumn leaf, int rows) {
        long bytes = Math.max(1, leaf.bufferedBytes());
        long fitting = Math.max(1, (long) rows * pageBytes / bytes);
        return (int) Math.min(MAX_PAGE_ROWS, fitting);
    }

    private static Encoding levelEncoding(int maxLevel) {
        // with no levels to write parquet-mr names BIT_PACKED; readers skip the field
        return maxLevel > 0 ? Encoding.RLE : Encoding.BIT_PACKED;
    }
}
