package lens.trainer.metrics;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lens.events.EventHour;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * A day's serving metrics from the hourly states alone (no raw events re-read): counters add, latency sketches
 * merge bucket by bucket, distinct users come from the merged HyperLogLog. Hours without a state, and hours
 * whose inputs were incomplete when they ran (re-run them once complete), are listed.
 */
public final class DailyServingRollup {

    /** The day's merged state plus which hours it covers. */
    public record Rollup(LocalDate day, ServingState state, List<String> hours, List<String> incompleteHours,
                         List<String> missingHours) {

        public Map<String, Double> metrics() {
            Map<String, Double> metrics = new LinkedHashMap<>(state.metrics());
            metrics.put("hours", (double) hours.size());
            return metrics;
        }
    }

    private DailyServingRollup() {
    }

    public static Rollup run(SparkSession spark, String lakeRoot, LocalDate day) {
        EventHour first = EventHour.containing(day.atStartOfDay(ZoneOffset.UTC).toInstant());
        List<ServingState> states = new ArrayList<>();
        List<String> hours = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> incomplete = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            EventHour hour = first.plusHours(h);
            String path = ServingStateStore.hourPath(lakeRoot, hour);
            if (exists(spark, path)) {
                ServingState state = ServingStateStore.read(spark, path);
                states.add(state);
                hours.add(hour.toString());
                if (!state.inputsComplete()) {
                    incomplete.add(hour.toString());
                }
            } else {
                missing.add(hour.toString());
            }
        }
        if (states.isEmpty()) {
            throw new IllegalStateException("no hourly serving state for " + day + " under " + lakeRoot);
        }
        ServingState merged = states.get(0);
        for (int i = 1; i < states.size(); i++) {
            merged.merge(states.get(i));
        }
        if (states.size() > 1) {
            merged.exactActiveUsers = null;
        }
        return new Rollup(day, merged, hours, incomplete, missing);
    }

    private static boolean exists(SparkSession spark, String path) {
        try {
            Path p = new Path(path);
            FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            return fs.exists(new Path(p, "_SUCCESS"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
