package lens.trainer.als;

import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * Numeric columns of a Dataset brought to the driver as primitive arrays. Each partition packs its rows into one
 * array per column before it is sent, so the driver receives eight bytes per value instead of a Row object per
 * row: collecting a 10M-pair window as Rows costs gigabytes of driver heap and can exceed
 * {@code spark.driver.maxResultSize}. Integral columns may hold nulls ({@link #NULL}); double columns may not.
 */
final class DriverColumns {

    /** What a null integral value becomes. */
    static final long NULL = Long.MIN_VALUE;

    /** Per column: the values, or a double column's raw bits. */
    private final long[][] columns;
    private final boolean[] doubles;

    private DriverColumns(long[][] columns, boolean[] doubles) {
        this.columns = columns;
        this.doubles = doubles;
    }

    /** Collects every column of {@code rows}: ints, longs or doubles. */
    static DriverColumns collect(Dataset<Row> rows) {
        StructField[] fields = rows.schema().fields();
        boolean[] doubles = new boolean[fields.length];
        for (int c = 0; c < fields.length; c++) {
            doubles[c] = fields[c].dataType().equals(DataTypes.DoubleType);
        }
        List<long[][]> parts = rows.javaRDD()
                .mapPartitions((FlatMapFunction<Iterator<Row>, long[][]>) it ->
                        Collections.singletonList(pack(it, doubles)).iterator())
                .collect();
        int total = parts.stream().mapToInt(part -> part[0].length).sum();
        long[][] columns = new long[fields.length][total];
        int at = 0;
        for (long[][] part : parts) {
            for (int c = 0; c < fields.length; c++) {
                System.arraycopy(part[c], 0, columns[c], at, part[c].length);
            }
            at += part[0].length;
        }
        return new DriverColumns(columns, doubles);
    }

    /** An integral column; nulls are {@link #NULL}. */
    long[] longs(int column) {
        if (doubles[column]) {
            throw new IllegalArgumentException("column " + column + " holds doubles");
        }
        return columns[column];
    }

    /** An integral column known to hold ints (ALS indexes); nulls are not allowed. */
    int[] ints(int column) {
        long[] values = longs(column);
        int[] ints = new int[values.length];
        for (int r = 0; r < values.length; r++) {
            if (values[r] == NULL || values[r] != (int) values[r]) {
                throw new IllegalArgumentException("column " + column + " row " + r + " is not an int");
            }
            ints[r] = (int) values[r];
        }
        return ints;
    }

    /** A double column. */
    double[] doubles(int column) {
        if (!doubles[column]) {
            throw new IllegalArgumentException("column " + column + " is not a double column");
        }
        return Arrays.stream(columns[column]).mapToDouble(Double::longBitsToDouble).toArray();
    }

    private static long[][] pack(Iterator<Row> rows, boolean[] doubles) {
        int width = doubles.length;
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
                if (row.isNullAt(c)) {
                    if (doubles[c]) {
                        throw new IllegalArgumentException("null in double column " + c);
                    }
                    columns[c][size] = NULL;
                } else {
                    columns[c][size] = doubles[c] ? Double.doubleToRawLongBits(row.getDouble(c))
                            : ((Number) row.get(c)).longValue();
                }
            }
            size++;
        }
        for (int c = 0; c < width; c++) {
            columns[c] = Arrays.copyOf(columns[c], size);
        }
        return columns;
    }
}
