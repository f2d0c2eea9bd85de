package lens.trainer.als;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Integral columns of a Dataset brought to the driver as primitive arrays. Each partition packs its rows into one
 * array per column before it is sent, so the driver receives eight bytes per value instead of a Row object per
 * row: collecting a 10M-pair window as Rows costs gigabytes of driver heap and can exceed
 * {@code spark.driver.maxResultSize}.
 */
final class DriverColumns {

    /** What a null value becomes. */
    static final long NULL = Long.MIN_VALUE;

    private DriverColumns() {
    }

    /** The rows' columns (int or long, in the Dataset's order), column-major: {@code result[column][row]}. */
    static long[][] longs(Dataset<Row> rows) {
        int width = rows.columns().length;
        List<long[][]> parts = rows.javaRDD()
                .mapPartitions((FlatMapFunction<Iterator<Row>, long[][]>) it ->
                        java.util.Collections.singletonList(pack(it, width)).iterator())
                .collect();
        int total = parts.stream().mapToInt(part -> part[0].length).sum();
        long[][] columns = new long[width][total];
        int at = 0;
        for (long[][] part : parts) {
            for (int c = 0; c < width; c++) {
                System.arraycopy(part[c], 0, columns[c], at, part[c].length);
            }
            at += part[0].length;
        }
        return columns;
    }

    /** The same as ints, for columns known to hold ints (ALS indexes); nulls are not allowed. */
    static int[][] ints(Dataset<Row> rows) {
        long[][] longs = longs(rows);
        int[][] ints = new int[longs.length][];
        for (int c = 0; c < longs.length; c++) {
            ints[c] = new int[longs[c].length];
            for (int r = 0; r < longs[c].length; r++) {
                if (longs[c][r] == NULL || longs[c][r] != (int) longs[c][r]) {
                    throw new IllegalArgumentException("column " + c + " row " + r + " is not an int");
                }
                ints[c][r] = (int) longs[c][r];
            }
        }
        return ints;
    }

    private static long[][] pack(Iterator<Row> rows, int width) {
        long[][] columns = new long[width][64];
        int size = 0;
        while (rows.hasNext()) {
            Row row = rows.next();
            if (size == columns[0].length) {
                for (int c = 0; c < width; c++) {
                    columns[c] = Arrays.copyOf(columns[c], size * 2);
                }
            }
            for (int c = 0; c < width; c++) {
                columns[c][size] = row.isNullAt(c) ? NULL : ((Number) row.get(c)).longValue();
            }
            size++;
        }
        List<long[]> trimmed = new ArrayList<>(width);
        for (long[] column : columns) {
            trimmed.add(Arrays.copyOf(column, size));
        }
        return trimmed.toArray(new long[0][]);
    }
}
