package lens.ingest.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import lens.broker.KafkaBroker;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.util.FileSystemUtils;

/**
 * A real broker for one test class, with the five topics and their DLTs ({@link BrokerFixture}), and a scratch folder
 * for the class's lakes and logs; both gone after the class. Use as {@code @RegisterExtension static final BrokerPerClass}.
 */
public final class BrokerPerClass implements BeforeAllCallback, AfterAllCallback {

    private final int partitions;
    private Path work;
    private KafkaBroker broker;

    public BrokerPerClass(int partitions) {
        this.partitions = partitions;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        work = Files.createTempDirectory("lens-it-");
        broker = BrokerFixture.start(work.resolve("broker"), partitions);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (broker != null) {
            broker.close();
        }
        FileSystemUtils.deleteRecursively(work);
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** A path in this class's scratch folder (for a lake, a log). */
    public Path path(String name) {
        return work.resolve(name);
    }
}
