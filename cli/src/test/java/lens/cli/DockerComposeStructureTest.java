package lens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** No Docker engine runs here, so the production stack is checked by its structure. */
class DockerComposeStructureTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static Map<String, Object> compose;
    private static Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws IOException {
        try (Reader reader = Files.newBufferedReader(ROOT.resolve("docker-compose.yml"))) {
            compose = new Yaml().load(reader);
        }
        services = (Map<String, Map<String, Object>>) compose.get("services");
    }

    @Test
    void givenTheStack_thenEveryComponentIsThere() {
        assertThat(services).containsKeys("kafka", "kafka-ui", "postgres", "spark-master", "spark-worker",
                "ingester", "scheduler");
    }

    @Test
    @SuppressWarnings("unchecked")
    void givenTheBroker_thenItRunsInKraftModeWithoutZookeeper() {
        Map<String, Object> env = (Map<String, Object>) services.get("kafka").get("environment");
        assertThat(String.valueOf(env.get("KAFKA_PROCESS_ROLES"))).contains("broker").contains("controller");
        assertThat(services).doesNotContainKey("zookeeper");
    }

    @Test
    @SuppressWarnings("unchecked")
    void givenPublishedPorts_thenEachIsBoundToLoopbackOnly() {
        services.forEach((name, service) -> {
            for (Object port : (List<Object>) service.getOrDefault("ports", List.of())) {
                assertThat(String.valueOf(port)).as("port of %s", name).startsWith("127.0.0.1:");
            }
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void givenMountsAndBuilds_thenEveryFileTheyNameExistsAndEveryVolumeIsDeclared() {
        Map<String, Object> volumes = (Map<String, Object>) compose.get("volumes");
        services.forEach((name, service) -> {
            for (Object mount : (List<Object>) service.getOrDefault("volumes", List.of())) {
                String source = String.valueOf(mount).split(":")[0];
                if (source.startsWith(".")) {
                    assertThat(ROOT.resolve(source).normalize()).as("mount of %s", name).exists();
                } else {
                    assertThat(volumes).as("named volume of %s", name).containsKey(source);
                }
            }
            if (service.get("build") instanceof Map<?, ?> build) {
                Path context = ROOT.resolve(String.valueOf(build.get("context"))).normalize();
                assertThat(context.resolve(String.valueOf(build.get("dockerfile")))).as("Dockerfile of %s", name)
                        .exists();
            }
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void givenTheLensServices_thenTheirCommandsAreValidLensCommands() {
        for (String name : List.of("ingester", "scheduler")) {
            List<String> command = (List<String>) services.get(name).get("command");
            var parsed = Lens.commandLine().parseArgs(command.toArray(String[]::new));
            assertThat(parsed.hasSubcommand()).as("%s runs a lens subcommand", name).isTrue();
        }
    }
}
