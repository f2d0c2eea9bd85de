package lens.trainer.als;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import lens.trainer.testing.TestSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DriverColumnsTest {

    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = TestSpark.start("driver-columns-test");
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void givenRowsOverSeveralPartitions_whenCollectingColumns_thenEveryRowArrivesOnceInOrderWithNullsMarked() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            rows.add(RowFactory.create(i, 10_000_000_000L + i, i % 7 == 0 ? null : (long) -i, i / 8.0 - 60));
        }
        StructType schema = new StructType().add("a", DataTypes.IntegerType).add("b", DataTypes.LongType)
                .add("c", DataTypes.LongType).add("d", DataTypes.DoubleType);
        Dataset<Row> data = spark.createDataFrame(rows, schema).repartition(5).sortWithinPartitions("a");

        DriverColumns columns = DriverColumns.collect(data);

        int[] a = columns.ints(0);
        assertThat(a).hasSize(1_000);
        // partitions arrive one after another, so compare row by row keyed by the first column
        for (int r = 0; r < 1_000; r++) {
            int i = a[r];
            assertThat(columns.longs(1)[r]).isEqualTo(10_000_000_000L + i);
            assertThat(columns.longs(2)[r]).isEqualTo(i % 7 == 0 ? DriverColumns.NULL : -i);
            assertThat(columns.doubles(3)[r]).isEqualTo(i / 8.0 - 60);
        }
        assertThat(java.util.Arrays.stream(a).distinct().count()).isEqualTo(1_000);
        assertThatThrownBy(() -> columns.longs(3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> columns.doubles(1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenLongsThatAreNotInts_whenCollectingInts_thenItIsRejected() {
        Dataset<Row> data = spark.createDataFrame(List.of(RowFactory.create(1L << 40)),
                new StructType().add("a", DataTypes.LongType));

        assertThatThrownBy(() -> DriverColumns.collect(data).ints(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(DriverColumns.collect(spark.createDataFrame(List.of(RowFactory.create(7L)),
                new StructType().add("a", DataTypes.LongType))).ints(0)).containsExactly(7);
    }
}
