package lens.trainer.metrics;

import java.util.ArrayList;
import java.util.List;
import lens.events.EventHour;
import lens.events.LakeLayout;
import lens.trainer.job.SparkJobs;
import lens.trainer.lake.LakeInputs;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Writes and reads a {@link ServingState} as Parquet rows ({@code state/} beside an hour's results). */
public final class ServingStateStore {

    static final StructType SCHEMA = new StructType()
            .add("kind", DataTypes.StringType, false)
            .add("key", DataTypes.StringType, false)
            .add("subkey", DataTypes.StringType, false)
            .add("count", DataTypes.LongType, false)
            .add("value", DataTypes.DoubleType, false)
            .add("text", DataTypes.StringType, true);

    private ServingStateStore() {
    }

    public static void write(SparkSession spark, ServingState state, String path) {
        List<Row> rows = new ArrayList<>();
        for (StateEntry e : state.toEntries()) {
            rows.add(RowFactory.create(e.kind(), e.key(), e.subkey(), e.count(), e.value(), e.text()));
        }
        spark.createDataFrame(rows, SCHEMA).coalesce(1).write().mode(SaveMode.Overwrite).parquet(path);
    }

    public static ServingState read(SparkSession spark, String path) {
        List<StateEntry> entries = new ArrayList<>();
        for (Row r : spark.read().schema(SCHEMA).parquet(path).collectAsList()) {
            entries.add(new StateEntry(r.getString(0), r.getString(1), r.getString(2), r.getLong(3), r.getDouble(4),
                    r.isNullAt(5) ? null : r.getString(5)));
        }
        return ServingState.fromEntries(entries);
    }

    /** Where the hourly job left the state of {@code hour}. */
    public static String hourPath(String lakeRoot, EventHour hour) {
        return LakeInputs.path(lakeRoot, LakeLayout.resultsDir(SparkJobs.SERVING_METRICS, hour) + "/state").toString();
    }
}
