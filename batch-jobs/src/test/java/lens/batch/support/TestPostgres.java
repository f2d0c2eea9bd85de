package lens.batch.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The machine's PostgreSQL (127.0.0.1:5432, user postgres, database test) with a schema of this test run's own,
 * so parallel runs never meet. Unreachable: the test is skipped with a message, unless CI=true, where it fails.
 */
public final class TestPostgres implements AutoCloseable {

    static final String URL = System.getProperty("lens.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String USER = System.getProperty("lens.test.postgres.user", "postgres");

    private final String schema;

    private TestPostgres(String schema) {
        this.schema = schema;
    }

    public static TestPostgres schemaOrSkip() {
        String schema = "lens_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = DriverManager.getConnection(URL, USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("PostgreSQL at " + URL + " is required when CI=true", e);
            }
            Assumptions.abort("PostgreSQL not reachable at " + URL + " (" + e.getMessage() + "); skipping");
        }
        return new TestPostgres(schema);
    }

    public String url() {
        return URL + "?currentSchema=" + schema;
    }

    public String user() {
        return USER;
    }

    @Override
    public void close() throws SQLException {
        try (Connection connection = DriverManager.getConnection(URL, USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }
}
