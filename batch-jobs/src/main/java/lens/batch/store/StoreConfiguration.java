package lens.batch.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Schema creation and the database platform the stores run on. */
@Configuration(proxyBeanMethods = false)
public class StoreConfiguration {

    @Bean
    public DatabasePlatform databasePlatform(DataSource dataSource) {
        return DatabasePlatform.of(dataSource);
    }

    @Bean
    public SchemaInitializer lensSchemaInitializer(DataSource dataSource, DatabasePlatform platform) {
        return new SchemaInitializer(dataSource, platform.id());
    }

    /** {@code h2} or {@code postgresql}, as Spring Batch names its scripts. */
    public record DatabasePlatform(String id) {

        static DatabasePlatform of(DataSource dataSource) {
            try (Connection connection = dataSource.getConnection()) {
                String product = connection.getMetaData().getDatabaseProductName().toLowerCase();
                if (product.contains("postgres")) {
                    return new DatabasePlatform("postgresql");
                }
                if (product.contains("h2")) {
                    return new DatabasePlatform("h2");
                }
                return new DatabasePlatform(product);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot reach the job-store database", e);
            }
        }

        public boolean isPostgres() {
            return "postgresql".equals(id);
        }
    }
}
