package lens.trainer.lake;

import java.util.ArrayList;
import java.util.List;
import lens.events.Field;
import lens.events.LakeLayout;
import lens.events.Topic;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** The Spark schema of a topic's lake table, derived from the event contract. */
public final class SparkSchemas {

    private SparkSchemas() {
    }

    /** Columns as the ingester writes them (no partition columns). */
    public static StructType fileSchema(Topic topic) {
        List<StructField> fields = new ArrayList<>();
        for (Field field : topic.schema().fields()) {
            fields.add(DataTypes.createStructField(field.name(), sparkType(field), true));
        }
        fields.add(DataTypes.createStructField(LakeLayout.COLUMN_EXTRAS, DataTypes.StringType, true));
        fields.add(DataTypes.createStructField(LakeLayout.COLUMN_KAFKA_PARTITION, DataTypes.IntegerType, true));
        fields.add(DataTypes.createStructField(LakeLayout.COLUMN_KAFKA_OFFSET, DataTypes.LongType, true));
        return DataTypes.createStructType(fields);
    }

    /** Columns as a reader of the partitioned table sees them: file columns plus {@code date} and {@code hour}. */
    public static StructType tableSchema(Topic topic) {
        return fileSchema(topic)
                .add(LakeLayout.COLUMN_DATE, DataTypes.DateType, true)
                .add(LakeLayout.COLUMN_HOUR, DataTypes.IntegerType, true);
    }

    private static DataType sparkType(Field field) {
        return switch (field.type()) {
            case STRING -> DataTypes.StringType;
            case LONG -> DataTypes.LongType;
            case INT -> DataTypes.IntegerType;
            case DOUBLE -> DataTypes.DoubleType;
            case BOOLEAN -> DataTypes.BooleanType;
            case LONG_LIST -> DataTypes.createArrayType(DataTypes.LongType, false);
            case DOUBLE_MAP -> DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType, false);
        };
    }
}
