package lens.batch.launch;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lens.trainer.job.JobResult;

/** Reads what a spark-submit driver printed: the job's result line and the application id. */
public final class DriverLog {

    static final String RESULT_PREFIX = "LENS_JOB_RESULT ";
    /** Standalone ({@code app-...}), YARN ({@code application_...}), local ({@code local-...}), k8s ({@code spark-...}). */
    private static final Pattern APPLICATION_ID = Pattern.compile(
            "\\b(app-\\d{14}-\\d{4,}|application_\\d+_\\d+|local-\\d{10,}|spark-[0-9a-f]{32})\\b");

    private DriverLog() {
    }

    public static Optional<JobResult> result(List<String> lines) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = lines.get(i);
            int at = line.indexOf(RESULT_PREFIX);
            if (at >= 0) {
                return Optional.of(JobResult.fromJson(line.substring(at + RESULT_PREFIX.length()).getBytes(
                        java.nio.charset.StandardCharsets.UTF_8)));
            }
        }
        return Optional.empty();
    }

    public static Optional<String> applicationId(List<String> lines) {
        for (String line : lines) {
            Matcher matcher = APPLICATION_ID.matcher(line);
            if (matcher.find()) {
                return Optional.of(matcher.group(1));
            }
        }
        return Optional.empty();
    }

    /** The last lines, for an error message that tells what went wrong without opening the file. */
    public static String tail(List<String> lines, int count) {
        return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }
}
