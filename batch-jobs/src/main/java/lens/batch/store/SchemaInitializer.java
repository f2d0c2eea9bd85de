package lens.batch.store;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.boot.sql.init.DatabaseInitializationSettings;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * Creates the Spring Batch, Quartz and LENS tables when they are missing, and only then: the vendor scripts are
 * not idempotent (Quartz's drop its tables first), so running them on every start, as {@code always} would,
 * wipes a shared store under a second scheduler node. Being a {@link DataSourceScriptDatabaseInitializer}, Boot
 * orders it before the job repository and the Quartz scheduler.
 */
public class SchemaInitializer extends DataSourceScriptDatabaseInitializer {

    private static final Logger log = LoggerFactory.getLogger(SchemaInitializer.class);

    /** A script and the table whose presence means it already ran. */
    record Script(String location, String sentinelTable) {
    }

    private final List<Script> scripts;

    public SchemaInitializer(DataSource dataSource, String platform) {
        super(dataSource, settings());
        this.scripts = scriptsFor(platform);
    }

    private static DatabaseInitializationSettings settings() {
        DatabaseInitializationSettings settings = new DatabaseInitializationSettings();
        settings.setMode(DatabaseInitializationMode.ALWAYS);
        // A location is needed for Boot to call runScripts; the real choice happens there.
        settings.setSchemaLocations(List.of("classpath:lens/batch/schema-lens.sql"));
        return settings;
    }

    static List<Script> scriptsFor(String platform) {
        String quartz = switch (platform) {
            case "postgresql" -> "postgres";
            case "h2" -> "h2";
            default -> throw new IllegalArgumentException("unsupported job-store database: " + platform
                    + " (H2 and PostgreSQL are supported)");
        };
        return List.of(
                new Script("org/springframework/batch/core/schema-" + platform + ".sql", "BATCH_JOB_INSTANCE"),
                new Script("org/quartz/impl/jdbcjobstore/tables_" + quartz + ".sql", "QRTZ_JOB_DETAILS"),
                new Script("lens/batch/schema-lens.sql", "LENS_PUBLICATION"),
                new Script("lens/batch/schema-lens-nodes.sql", "LENS_NODE"));
    }

    @Override
    protected void runScripts(Scripts ignored) {
        try (Connection connection = getDataSource().getConnection()) {
            for (Script script : scripts) {
                if (tableExists(connection, script.sentinelTable())) {
                    continue;
                }
                log.info("creating tables from {}", script.location());
                ResourceDatabasePopulator populator = new ResourceDatabasePopulator(resource(script.location()));
                populator.setCommentPrefixes("--", "#");
                populator.populate(connection);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot initialize the job store schema", e);
        }
    }

    private static Resource resource(String location) {
        return new ClassPathResource(location);
    }

    static boolean tableExists(Connection connection, String table) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String schema = connection.getSchema();
        for (String name : List.of(table, table.toLowerCase())) {
            try (ResultSet rs = meta.getTables(connection.getCatalog(), schema, name, new String[] {"TABLE"})) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }
}
