package lens.batch.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import javax.sql.DataSource;
import lens.batch.config.PipelineProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** One DataSource for the job repository, the Quartz store and the publication ledger. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DbProperties.class)
public class DataSourceConfiguration {

    @Bean
    @ConditionalOnMissingBean(DataSource.class)
    public DataSource dataSource(DbProperties db, PipelineProperties pipeline, Environment env) {
        String url = firstNonBlank(db.url(), env.getProperty("spring.datasource.url"));
        String user = firstNonBlank(db.username(), env.getProperty("spring.datasource.username"));
        String password = firstNonBlank(db.password(), env.getProperty("spring.datasource.password"));
        if (url == null) {
            url = h2FileUrl(pipeline.workdirPath());
        }
        if (user == null && url.startsWith("jdbc:h2:")) {
            user = "sa";
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("lens-batch");
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password == null ? "" : password);
        config.setMaximumPoolSize(db.maxPoolSize() == null ? 12 : db.maxPoolSize());
        return new HikariDataSource(config);
    }

    /** AUTO_SERVER lets a second process (e.g. {@code lens jobs status}) read while the scheduler runs. */
    public static String h2FileUrl(Path workdir) {
        // WRITE_DELAY=0: H2 otherwise holds commits up to 500 ms, and a JVM killed in that time loses a step's
        // COMPLETED status, so its restart would run the step again (seen in KilledRunRecoveryTest)
        return "jdbc:h2:file:" + workdir.resolve("db").resolve("lens").toAbsolutePath()
                + ";AUTO_SERVER=TRUE;WRITE_DELAY=0";
    }

    private static String firstNonBlank(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a;
        }
        return b != null && !b.isBlank() ? b : null;
    }
}
