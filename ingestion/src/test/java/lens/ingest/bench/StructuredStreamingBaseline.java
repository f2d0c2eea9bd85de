package lens.ingest.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.timestamp_millis;

import java.nio.file.Path;
import java.util.concurrent.TimeoutException;
import lens.events.Field;
import lens.events.Topic;
import lens.ingest.support.LocalSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The baseline the ingester is compared with: Spark Structured Streaming's Kafka source into its Parquet file sink,
 * partitioned by event date and hour, {@code Trigger.AvailableNow} over what is in the topic. It parses every value
 * against the topic's contract columns and drops what does not parse (the ingester validates far more).
 */
final class StructuredStreamingBaseline {

    record Result(long rows, double seconds, double sessionSeconds) {
    }

    private StructuredStreamingBaseline() {
    }

    static Result run(String bootstrap, Topic topic, Path work) throws TimeoutException, StreamingQueryException {
        long sessionStart = System.nanoTime();
        SparkSession spark = LocalSpark.start("lens-bench-structured-streaming", 2);
        try {
            double sessionSeconds = (System.nanoTime() - sessionStart) / 1e9;
            Path out = work.resolve("spark-lake");
            long start = System.nanoTime();
            Dataset<Row> events = spark.readStream().format("kafka")
                    .option("kafka.bootstrap.servers", bootstrap)
                    .option("subscribe", topic.topicName())
                    .option("startingOffsets", "earliest")
                    .option("kafka.isolation.level", "read_committed")
                    .load()
                    .select(from_json(col("value").cast("string"), contract(topic)).as("e"))
                    .select("e.*")
                    .where(col("eventId").isNotNull().and(col("timestamp").isNotNull()))
                    .withColumn("date", date_format(timestamp_millis(col("timestamp")), "yyyy-MM-dd"))
                    .withColumn("hour", date_format(timestamp_millis(col("timestamp")), "HH"));
            StreamingQuery query = events.writeStream().format("parquet")
                    .option("path", out.toString())
                    .option("checkpointLocation", work.resolve("spark-checkpoint").toString())
                    .partitionBy("date", "hour")
                    .trigger(Trigger.AvailableNow())
                    .start();
            query.awaitTermination();
            double seconds = (System.nanoTime() - start) / 1e9;
            long rows = spark.read().parquet(out.toString()).count();
            return new Result(rows, seconds, sessionSeconds);
        } finally {
            spark.stop();
        }
    }

    private static StructType contract(Topic topic) {
        StructType schema = new StructType();
        for (Field field : topic.schema().fields()) {
            schema = schema.add(field.name(), sparkType(field), true);
        }
        return schema;
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
