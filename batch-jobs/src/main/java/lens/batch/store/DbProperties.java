package lens.batch.store;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code lens.db.*}: the job repository and Quartz store. Unset: an H2 file database at {@code <workdir>/db/lens}
 * (or {@code spring.datasource.url} when that is set). PostgreSQL: {@code lens.db.url=jdbc:postgresql://...}.
 *
 * @param url          JDBC URL
 * @param username     user (H2 default {@code sa})
 * @param password     password
 * @param maxPoolSize  connections in the pool
 */
@ConfigurationProperties("lens.db")
public record DbProperties(String url, String username, String password, Integer maxPoolSize) {
}
