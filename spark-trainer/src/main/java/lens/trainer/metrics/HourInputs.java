package lens.trainer.metrics;

import static org.apache.spark.sql.functions.col;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lens.events.EventHour;
import lens.events.Topic;
import lens.trainer.lake.LakeInputs;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads complete hours only and records, per topic, which hours were read and which were still open, so a
 * summary always says what its numbers are based on.
 */
public final class HourInputs {

    private final SparkSession spark;
    private final String lakeRoot;
    private final Map<String, Object> report = new LinkedHashMap<>();
    private boolean complete = true;

    public HourInputs(SparkSession spark, String lakeRoot) {
        this.spark = spark;
        this.lakeRoot = lakeRoot;
    }

    /** Events of the complete hours in [from, to], each event once (a replayed file never counts twice). */
    public Dataset<Row> read(Topic topic, EventHour from, EventHour to, boolean required) {
        List<EventHour> hours = LakeInputs.completedHours(spark, lakeRoot, topic, from, to);
        long expected = java.time.Duration.between(from.start(), to.start()).toHours() + 1;
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("from", from.toString());
        entry.put("to", to.toString());
        entry.put("completeHours", hours.stream().map(EventHour::toString).toList());
        entry.put("missingHours", expected - hours.size());
        report.merge(topic.topicName(), entry, (a, b) -> List.of(a, b));
        if (required && hours.size() < expected) {
            complete = false;
        }
        return LakeInputs.read(spark, lakeRoot, topic, hours).dropDuplicates("eventId")
                .filter(col("timestamp").isNotNull());
    }

    /** Topic name to the hours read and missing. */
    public Map<String, Object> report() {
        return report;
    }

    /** Whether every required hour was complete. */
    public boolean complete() {
        return complete;
    }
}
