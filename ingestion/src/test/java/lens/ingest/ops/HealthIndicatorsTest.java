package lens.ingest.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import lens.ingest.lake.Lake;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Status;

class HealthIndicatorsTest {

    @TempDir
    Path dir;

    @Test
    void givenNoBrokerListening_thenKafkaHealthIsDown() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        KafkaHealthIndicator health = new KafkaHealthIndicator("127.0.0.1:" + port);
        try {
            assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        } finally {
            health.destroy();
        }
    }

    @Test
    void givenAWritableLake_thenLakeHealthIsUp_andWhenItsStateFolderCannotBeWritten_thenDown() throws IOException {
        Lake lake = Lake.open(dir.resolve("lake").toString(), Map.of());
        LakeHealthIndicator health = new LakeHealthIndicator(lake, "test");
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        // a plain file where the probe's folder should be: nothing can be written under it
        Path probeDir = dir.resolve("lake").resolve(Lake.STATE).resolve("health");
        try (var leftovers = Files.list(probeDir)) {
            assertThat(leftovers).isEmpty();
        }
        Files.delete(probeDir);
        Files.writeString(probeDir, "not a folder");
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
    }
}
