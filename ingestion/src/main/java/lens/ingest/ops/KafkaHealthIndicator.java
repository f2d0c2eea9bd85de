package lens.ingest.ops;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** Up when the broker answers a cluster description within a few seconds. */
public final class KafkaHealthIndicator implements HealthIndicator, DisposableBean {

    private final String bootstrapServers;
    private volatile Admin admin;

    public KafkaHealthIndicator(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    @Override
    public Health health() {
        try {
            var cluster = admin().describeCluster(new DescribeClusterOptions().timeoutMs(3000));
            String clusterId = cluster.clusterId().get(4, TimeUnit.SECONDS);
            int brokers = cluster.nodes().get(4, TimeUnit.SECONDS).size();
            return Health.up().withDetail("bootstrapServers", bootstrapServers).withDetail("clusterId", clusterId)
                    .withDetail("brokers", brokers).build();
        } catch (Exception e) {
            return Health.down().withDetail("bootstrapServers", bootstrapServers).withDetail("error", e.toString())
                    .build();
        }
    }

    private Admin admin() {
        if (admin == null) {
            synchronized (this) {
                if (admin == null) {
                    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000,
                            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 4000));
                }
            }
        }
        return admin;
    }

    @Override
    public void destroy() {
        if (admin != null) {
            admin.close();
        }
    }
}
