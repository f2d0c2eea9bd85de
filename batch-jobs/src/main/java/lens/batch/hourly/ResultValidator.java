package lens.batch.hourly;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import lens.events.EventHour;
import lens.events.Field;
import lens.trainer.job.JobResult;

/** Checks a job's summary before anyone sees it: the right job and hour, metrics present, finite and sane. */
public final class ResultValidator {

    private static final Pattern METRIC_NAME = Pattern.compile(Field.SAFE_IDENTIFIER);

    private ResultValidator() {
    }

    /** The problems found; empty when the result may be published. */
    public static List<String> problems(String job, EventHour window, JobResult result) {
        List<String> problems = new ArrayList<>();
        if (!job.equals(result.job())) {
            problems.add("summary is of job '" + result.job() + "', expected '" + job + "'");
        }
        if (result.window() == null || !window.equals(EventHour.parse(result.window()))) {
            problems.add("summary is for window " + result.window() + ", expected " + window);
        }
        if (result.metrics().isEmpty()) {
            problems.add("summary has no metrics");
        }
        for (Map.Entry<String, Double> metric : result.metrics().entrySet()) {
            String name = metric.getKey();
            Double value = metric.getValue();
            if (!METRIC_NAME.matcher(name).matches()) {
                problems.add("metric name '" + name + "' is not a safe identifier");
            }
            if (value == null || value.isNaN() || value.isInfinite()) {
                problems.add("metric " + name + " is " + value);
            } else if (isCount(name) && (value < 0 || value != Math.rint(value))) {
                problems.add("count metric " + name + " = " + value + " is not a non-negative whole number");
            }
        }
        return problems;
    }

    /** Row and event counts by naming convention ({@code rows}, {@code *_count}, {@code count.*}, ...). */
    static boolean isCount(String name) {
        String lower = name.toLowerCase();
        return lower.equals("rows") || lower.equals("count") || lower.endsWith("_count") || lower.endsWith(".count")
                || lower.endsWith("_rows") || lower.endsWith(".rows") || lower.startsWith("rows.")
                || lower.startsWith("count.") || lower.startsWith("rows_") || lower.startsWith("count_");
    }
}
