package lens.ingest.support;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import lens.events.EventHour;
import lens.events.LakeLayout;
import lens.events.Topic;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Reads a topic's folder the way a downstream Spark user would: plain Parquet with Hive-style partition discovery. */
public final class SparkLakeReader {

    private SparkLakeReader() {
    }

    /** Rows per (date, hour) partition that Spark discovers under the topic's folder. */
    public static Map<EventHour, Long> rowsPerHour(Path lake, Topic topic) {
        SparkSession spark = LocalSpark.start("lake-reader", 1);
        try {
            Map<EventHour, Long> counts = new HashMap<>();
            for (Row row : spark.read().parquet(lake.resolve(LakeLayout.topicDir(topic)).toString())
                    .groupBy("date", "hour").count().collectAsList()) {
                String hour = String.format("%02d", ((Number) row.getAs("hour")).intValue());
                counts.put(EventHour.parse(row.getAs("date").toString() + "T" + hour), row.getLong(2));
            }
            return counts;
        } finally {
            spark.stop();
        }
    }
}
