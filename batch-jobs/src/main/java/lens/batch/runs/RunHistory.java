package lens.batch.runs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** Recent job executions across all jobs, newest first, straight from the job repository's tables. */
public class RunHistory {

    private static final String QUERY = """
            SELECT e.JOB_EXECUTION_ID, i.JOB_NAME, e.STATUS, e.START_TIME, e.END_TIME, e.EXIT_MESSAGE,
                   (SELECT p.PARAMETER_VALUE FROM BATCH_JOB_EXECUTION_PARAMS p
                     WHERE p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND p.PARAMETER_NAME = 'window') AS WINDOW_ID,
                   (SELECT p.PARAMETER_VALUE FROM BATCH_JOB_EXECUTION_PARAMS p
                     WHERE p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND p.PARAMETER_NAME = 'version') AS VERSION,
                   (SELECT p.PARAMETER_VALUE FROM BATCH_JOB_EXECUTION_PARAMS p
                     WHERE p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND p.PARAMETER_NAME = 'trigger') AS RUN_TRIGGER,
                   (SELECT MIN(s.STEP_NAME) FROM BATCH_STEP_EXECUTION s
                     WHERE s.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND s.STATUS = 'FAILED') AS FAILED_STEP
              FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
            """;

    private final JdbcTemplate jdbc;

    public RunHistory(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    public List<RunRecord> recent(int limit, boolean failedOnly) {
        String where = failedOnly ? " WHERE e.STATUS = 'FAILED'" : "";
        return jdbc.query(QUERY + where + " ORDER BY e.JOB_EXECUTION_ID DESC LIMIT " + Math.max(1, limit),
                RunHistory::record);
    }

    /** The latest window any execution of {@code job} was for (window ids sort as time does). */
    public java.util.Optional<lens.events.EventHour> lastAttemptedWindow(String job) {
        String window = jdbc.queryForObject("SELECT MAX(p.PARAMETER_VALUE) FROM BATCH_JOB_EXECUTION_PARAMS p "
                + "JOIN BATCH_JOB_EXECUTION e ON e.JOB_EXECUTION_ID = p.JOB_EXECUTION_ID "
                + "JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID "
                + "WHERE i.JOB_NAME = ? AND p.PARAMETER_NAME = 'window'", String.class, job);
        return java.util.Optional.ofNullable(window).map(lens.events.EventHour::parse);
    }

    /** The latest window of {@code job} with a completed execution. */
    public java.util.Optional<lens.events.EventHour> lastCompletedWindow(String job) {
        String window = jdbc.queryForObject("SELECT MAX(p.PARAMETER_VALUE) FROM BATCH_JOB_EXECUTION_PARAMS p "
                + "JOIN BATCH_JOB_EXECUTION e ON e.JOB_EXECUTION_ID = p.JOB_EXECUTION_ID "
                + "JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID "
                + "WHERE i.JOB_NAME = ? AND p.PARAMETER_NAME = 'window' AND e.STATUS = 'COMPLETED'", String.class, job);
        return java.util.Optional.ofNullable(window).map(lens.events.EventHour::parse);
    }

    /** Executions that ended FAILED since {@code since}. */
    public int failuresSince(java.time.LocalDateTime since) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS = 'FAILED' "
                + "AND END_TIME >= ?", Integer.class, Timestamp.valueOf(since));
        return count == null ? 0 : count;
    }

    private static RunRecord record(ResultSet rs, int row) throws SQLException {
        String version = rs.getString("VERSION");
        return new RunRecord(rs.getLong("JOB_EXECUTION_ID"), rs.getString("JOB_NAME"), rs.getString("WINDOW_ID"),
                version == null ? null : Integer.valueOf(version), rs.getString("STATUS"), rs.getString("RUN_TRIGGER"),
                time(rs.getTimestamp("START_TIME")), time(rs.getTimestamp("END_TIME")), rs.getString("FAILED_STEP"),
                firstLine(rs.getString("EXIT_MESSAGE")));
    }

    private static LocalDateTime time(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toLocalDateTime();
    }

    static String firstLine(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        int newline = text.indexOf('\n');
        return (newline < 0 ? text : text.substring(0, newline)).trim();
    }
}
