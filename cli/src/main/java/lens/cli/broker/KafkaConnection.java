package lens.cli.broker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import lens.broker.KafkaBroker;
import lens.events.Topic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The Kafka cluster a command talks to: the one given by {@code --bootstrap-servers}, an embedded broker another
 * LENS command already runs for the same work directory, or a new embedded broker that this connection owns
 * (and stops on close). The five topics and their dead-letter topics are created when missing.
 */
public final class KafkaConnection implements AutoCloseable {

    public static final int PARTITIONS = 3;

    private final String bootstrapServers;
    private final KafkaBroker ownedBroker;
    private final Path marker;

    private KafkaConnection(String bootstrapServers, KafkaBroker ownedBroker, Path marker) {
        this.bootstrapServers = bootstrapServers;
        this.ownedBroker = ownedBroker;
        this.marker = marker;
    }

    public static KafkaConnection open(Path workdir, String bootstrapServers) {
        if (bootstrapServers != null && !bootstrapServers.isBlank()) {
            ensureTopics(bootstrapServers);
            return new KafkaConnection(bootstrapServers, null, null);
        }
        Path dataDir = workdir.resolve("kafka");
        Path marker = dataDir.resolve("bootstrap.servers");
        String running = runningEmbedded(marker);
        if (running != null) {
            ensureTopics(running);
            return new KafkaConnection(running, null, null);
        }
        KafkaBroker broker = KafkaBroker.start(dataDir);
        try {
            Files.writeString(marker, broker.bootstrapServers());
        } catch (IOException e) {
            broker.close();
            throw new IllegalStateException("cannot write " + marker, e);
        }
        ensureTopics(broker.bootstrapServers());
        return new KafkaConnection(broker.bootstrapServers(), broker, marker);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public boolean embedded() {
        return ownedBroker != null;
    }

    public static List<String> allTopics() {
        List<String> names = new ArrayList<>();
        for (Topic topic : Topic.values()) {
            names.add(topic.topicName());
            names.add(topic.deadLetterTopic());
        }
        return names;
    }

    private static void ensureTopics(String bootstrap) {
        KafkaBroker.createTopics(bootstrap, allTopics(), PARTITIONS);
    }

    /** The embedded broker of another live LENS process on this work directory, if any. */
    private static String runningEmbedded(Path marker) {
        if (!Files.exists(marker)) {
            return null;
        }
        try {
            String bootstrap = Files.readString(marker).trim();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1500,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000))) {
                admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
                return bootstrap;
            }
        } catch (Exception stale) {
            return null;
        }
    }

    @Override
    public void close() {
        if (ownedBroker != null) {
            try {
                Files.deleteIfExists(marker);
            } catch (IOException ignored) {
                // a stale marker is detected by the next command anyway
            }
            ownedBroker.close();
        }
    }
}
