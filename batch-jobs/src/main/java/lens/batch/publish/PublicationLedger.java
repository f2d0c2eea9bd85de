package lens.batch.publish;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/** The {@code LENS_PUBLICATION} table: what was (about to be) published per (job, window, version). */
public class PublicationLedger {

    public enum State { PENDING, SENT, UNCHANGED }

    public record Entry(String job, String window, int version, State state, String resultHash, String eventId,
                        Integer partition, Long offsetBefore, Long offset, Integer sameAsVersion) {
    }

    private static final RowMapper<Entry> ROW = (rs, i) -> new Entry(rs.getString("JOB_NAME"),
            rs.getString("WINDOW_ID"), rs.getInt("VERSION"), State.valueOf(rs.getString("STATE")),
            rs.getString("RESULT_HASH"), rs.getString("EVENT_ID"), (Integer) rs.getObject("KAFKA_PARTITION", Integer.class),
            (Long) rs.getObject("OFFSET_BEFORE", Long.class), (Long) rs.getObject("KAFKA_OFFSET", Long.class),
            (Integer) rs.getObject("SAME_AS_VERSION", Integer.class));

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public PublicationLedger(DataSource dataSource, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.clock = clock;
    }

    public Optional<Entry> find(String job, String window, int version) {
        return jdbc.query("SELECT * FROM LENS_PUBLICATION WHERE JOB_NAME = ? AND WINDOW_ID = ? AND VERSION = ?",
                ROW, job, window, version).stream().findFirst();
    }

    /** The highest version of a window whose message went out. */
    public Optional<Entry> latestSent(String job, String window) {
        return jdbc.query("SELECT * FROM LENS_PUBLICATION WHERE JOB_NAME = ? AND WINDOW_ID = ? AND STATE = 'SENT' "
                + "ORDER BY VERSION DESC", ROW, job, window).stream().findFirst();
    }

    public List<Entry> sent(String job) {
        return jdbc.query("SELECT * FROM LENS_PUBLICATION WHERE JOB_NAME = ? AND STATE = 'SENT' "
                + "ORDER BY WINDOW_ID, VERSION", ROW, job);
    }

    public void pending(String job, String window, int version, String hash, String eventId, int partition,
                        long offsetBefore) {
        int updated = jdbc.update("UPDATE LENS_PUBLICATION SET STATE = 'PENDING', RESULT_HASH = ?, EVENT_ID = ?, "
                        + "KAFKA_PARTITION = ?, OFFSET_BEFORE = ?, UPDATED_AT = ? "
                        + "WHERE JOB_NAME = ? AND WINDOW_ID = ? AND VERSION = ? AND STATE = 'PENDING'",
                hash, eventId, partition, offsetBefore, now(), job, window, version);
        if (updated == 0) {
            jdbc.update("INSERT INTO LENS_PUBLICATION (JOB_NAME, WINDOW_ID, VERSION, STATE, RESULT_HASH, EVENT_ID, "
                            + "KAFKA_PARTITION, OFFSET_BEFORE, UPDATED_AT) VALUES (?, ?, ?, 'PENDING', ?, ?, ?, ?, ?)",
                    job, window, version, hash, eventId, partition, offsetBefore, now());
        }
    }

    public void sent(String job, String window, int version, long offset) {
        jdbc.update("UPDATE LENS_PUBLICATION SET STATE = 'SENT', KAFKA_OFFSET = ?, UPDATED_AT = ? "
                + "WHERE JOB_NAME = ? AND WINDOW_ID = ? AND VERSION = ?", offset, now(), job, window, version);
    }

    public void unchanged(String job, String window, int version, String hash, String eventId, int sameAsVersion) {
        jdbc.update("INSERT INTO LENS_PUBLICATION (JOB_NAME, WINDOW_ID, VERSION, STATE, RESULT_HASH, EVENT_ID, "
                        + "SAME_AS_VERSION, UPDATED_AT) VALUES (?, ?, ?, 'UNCHANGED', ?, ?, ?, ?)",
                job, window, version, hash, eventId, sameAsVersion, now());
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }
}
