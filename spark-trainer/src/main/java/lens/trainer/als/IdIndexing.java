package lens.trainer.als;

import java.util.ArrayList;
import java.util.List;
import lens.trainer.model.IdIndex;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Applies {@link IdIndex}es to Spark data: long event ids in, ALS's int indexes out (and back). */
final class IdIndexing {

    private IdIndexing() {
    }

    /** A two-column table (idColumn long, indexColumn int) of the index. */
    static Dataset<Row> table(SparkSession spark, IdIndex index, String idColumn, String indexColumn) {
        List<Row> rows = new ArrayList<>(index.size());
        long[] ids = index.ids();
        for (int i = 0; i < ids.length; i++) {
            rows.add(RowFactory.create(ids[i], i));
        }
        StructType schema = new StructType()
                .add(idColumn, DataTypes.LongType, false)
                .add(indexColumn, DataTypes.IntegerType, false);
        return spark.createDataFrame(rows, schema);
    }

    /** Adds {@code user} and {@code item} to rows with userId and movieId (inner join: every id is indexed). */
    static Dataset<Row> indexed(Dataset<Row> rows, Dataset<Row> users, Dataset<Row> movies) {
        return rows.join(functions.broadcast(users), WindowData.USER_ID)
                .join(functions.broadcast(movies), WindowData.MOVIE_ID);
    }
}
