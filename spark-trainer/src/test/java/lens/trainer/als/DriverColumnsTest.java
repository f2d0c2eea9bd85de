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
            rows.add(RowFactory.create(i, 10_000_000_000L + i, i % 7 == 0 ? null : (long) -i));
        }
        StructType schema = new StructType().add("a", DataTypes.IntegerType).add("b", DataTypes.LongType)
                .add("c", DataTypes.LongType);
        Dataset<Row> data = spark.createDataFrame(rows, schema).repartition(5).sortWithinPartitions("a");

        long[][] columns = DriverColumns.longs(data);

        assertThat(columns).hasDimensions(3, 1_000);
        // partitions arrive one after another, so compare as sets of rows keyed by the first column
        for (int r = 0; r < 1_000; r++) {
            int i = (int) columns[0][r];
            assertThat(columns[1][r]).isEqualTo(10_000_000_000L + i);
            assertThat(columns[2][r]).isEqualTo(i % 7 == 0 ? DriverColumns.NULL : -i);
        }
        assertThat(java.util.Arrays.stream(columns[0]).distinct().count()).isEqualTo(1_000);
    }

    @Test
    void givenLongsThatAreNotInts_whenCollectingInts_thenItIsRejected() {
        Dataset<Row> data = spark.createDataFrame(List.of(RowFactory.create(1L << 40)),
                new StructType().add("a", DataTypes.LongType));

        assertThatThrownBy(() -> DriverColumns.ints(data)).isInstanceOf(IllegalArgumentException.class);
        assertThat(DriverColumns.ints(spark.createDataFrame(List.of(RowFactory.create(7L)),
                new StructType().add("a", DataTypes.LongType)))[0]).containsExactly(7);
    }
}
