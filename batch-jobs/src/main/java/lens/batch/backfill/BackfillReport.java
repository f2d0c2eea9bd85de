package lens.batch.backfill;

import java.time.Duration;
import java.util.List;
import lens.batch.runs.RunOutcome;
import lens.batch.runs.RunStatus;

/**
 * The rows of a backfill, oldest first (by the hour each window ends), and its wall time.
 *
 * @param rows     one per (window, job)
 * @param wallTime from start to the last run's end
 * @param stopped  whether it was stopped before every run started
 */
public record BackfillReport(List<RunOutcome> rows, Duration wallTime, boolean stopped) {

    public BackfillReport {
        rows = List.copyOf(rows);
    }

    public long count(RunStatus status) {
        return rows.stream().filter(row -> row.status() == status).count();
    }

    /** Every row completed now or earlier. */
    public boolean allDone() {
        return rows.stream().allMatch(RunOutcome::ok);
    }

    /** A fixed-width table: hour, job, status, version, duration, execution id, message. */
    public String table() {
        StringBuilder out = new StringBuilder(String.format("%-17s %-21s %-9s %3s %9s %9s  %s%n",
                "HOUR", "JOB", "STATUS", "V", "DURATION", "EXECUTION", "NOTE"));
        for (RunOutcome row : rows) {
            out.append(String.format("%-17s %-21s %-9s %3s %9s %9s  %s%n", row.window(), row.job(), row.status(),
                    row.version() == 0 ? "-" : row.version(), seconds(row.duration()),
                    row.executionId() == null ? "-" : row.executionId(), row.message() == null ? "" : row.message()));
        }
        return out.toString();
    }

    static String seconds(Duration duration) {
        return String.format("%.1fs", duration.toMillis() / 1000.0);
    }
}
