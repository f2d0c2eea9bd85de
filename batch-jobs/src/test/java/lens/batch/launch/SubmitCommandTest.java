package lens.batch.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lens.events.EventHour;
import lens.trainer.job.JobRequest;
import org.junit.jupiter.api.Test;

class SubmitCommandTest {

    final JobRequest request = new JobRequest("/lake", "/work", EventHour.parse("2026-11-29T08"),
            Map.of("als.rank", "12"));

    @Test
    void givenNoSparkHome_whenBuilt_thenSparkSubmitRunsOnAJavaWithTheGivenClasspath() {
        SubmitCommand command = new SubmitCommand(Path.of("/jdk"), null, "a.jar:b.jar", List.of("-Xmx1g"),
                "spark://host:7077", "client", "lens.trainer.SparkJobMain", Path.of("/thin.jar"),
                Map.of("spark.executor.memory", "1g"));

        List<String> argv = command.build("als-retrain", request);

        assertThat(argv).containsSubsequence("/jdk/bin/java", "-Xmx1g", "-cp", "a.jar:b.jar",
                "org.apache.spark.deploy.SparkSubmit", "--master", "spark://host:7077", "--deploy-mode", "client",
                "--class", "lens.trainer.SparkJobMain", "--name", "lens-als-retrain-2026-11-29T08",
                "--conf", "spark.executor.memory=1g", "/thin.jar", "als-retrain", "--lake", "/lake",
                "--workdir", "/work", "--window", "2026-11-29T08", "--option", "als.rank=12");
    }

    @Test
    void givenASparkHome_whenBuilt_thenItsSparkSubmitScriptRunsWithoutAJavaCommand() {
        SubmitCommand command = new SubmitCommand(Path.of("/jdk"), Path.of("/opt/spark"), "ignored", List.of(),
                "yarn", "cluster", "lens.trainer.SparkJobMain", Path.of("/thin.jar"), Map.of());

        List<String> argv = command.build("ab-report", request);

        assertThat(argv.get(0)).isEqualTo("/opt/spark/bin/spark-submit");
        assertThat(argv).doesNotContain("-cp").containsSubsequence("--master", "yarn", "--deploy-mode", "cluster");
    }
}
