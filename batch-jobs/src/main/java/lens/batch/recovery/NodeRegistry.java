package lens.batch.recovery;

import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * This process's identity in the shared store and its heartbeat. The id is new per JVM (host, pid, random), so a
 * restarted process never mistakes the runs of its dead predecessor for its own.
 */
public class NodeRegistry {

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final String nodeId;

    public NodeRegistry(DataSource dataSource, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.clock = clock;
        this.nodeId = hostName() + ":" + ProcessHandle.current().pid() + ":"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    public String nodeId() {
        return nodeId;
    }

    // Wall time, not the injectable clock: liveness is about real seconds even when tests move the scheduler's clock.
    public void heartbeat() {
        Timestamp now = new Timestamp(System.currentTimeMillis());
        if (jdbc.update("UPDATE LENS_NODE SET LAST_SEEN = ? WHERE NODE_ID = ?", now, nodeId) == 0) {
            jdbc.update("INSERT INTO LENS_NODE (NODE_ID, STARTED_AT, LAST_SEEN) VALUES (?, ?, ?)", nodeId, now, now);
        }
    }

    /** True when {@code node} sent a heartbeat within {@code timeout}. */
    public boolean isAlive(String node, Duration timeout) {
        if (nodeId.equals(node)) {
            return true;
        }
        List<Timestamp> seen = jdbc.queryForList("SELECT LAST_SEEN FROM LENS_NODE WHERE NODE_ID = ?", Timestamp.class,
                node);
        return !seen.isEmpty() && seen.get(0).getTime() >= System.currentTimeMillis() - timeout.toMillis();
    }

    public void leave() {
        jdbc.update("DELETE FROM LENS_NODE WHERE NODE_ID = ?", nodeId);
    }

    Clock clock() {
        return clock;
    }

    private static String hostName() {
        String name = ManagementFactory.getRuntimeMXBean().getName();
        int at = name.indexOf('@');
        return at >= 0 ? name.substring(at + 1) : "localhost";
    }
}
