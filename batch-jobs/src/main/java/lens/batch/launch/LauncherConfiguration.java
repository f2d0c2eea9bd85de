package lens.batch.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import lens.batch.config.LauncherKind;
import lens.batch.config.LensBatchProperties;
import lens.batch.config.PipelineProperties;
import org.apache.spark.launcher.JavaModuleOptions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Chooses the launcher ({@code lens.batch.launcher}) and builds it. */
@Configuration(proxyBeanMethods = false)
public class LauncherConfiguration {

    @Bean(destroyMethod = "close")
    public SharedSparkSession sharedSparkSession(LensBatchProperties props) {
        return new SharedSparkSession(props.spark().master(), props.spark().conf());
    }

    @Bean
    public SparkJobLauncher sparkJobLauncher(LensBatchProperties props, PipelineProperties pipeline,
                                             SharedSparkSession spark) {
        if (props.launcher() == LauncherKind.IN_PROCESS) {
            return new InProcessSparkLauncher(spark);
        }
        LensBatchProperties.Submit submit = props.submit();
        Path logDir = submit.logDir() != null ? submit.logDir()
                : pipeline.workdirPath().resolve("logs").resolve("spark-submit");
        return new SparkSubmitLauncher(submitCommand(props), logDir, submit.timeout(), submit.stopGrace());
    }

    static SubmitCommand submitCommand(LensBatchProperties props) {
        LensBatchProperties.Submit submit = props.submit();
        Path jar = submit.jar() != null ? submit.jar() : findThinJar(Path.of("").toAbsolutePath())
                .orElseThrow(() -> new IllegalStateException("lens.batch.submit.jar is not set and no "
                        + "spark-trainer/target/lens-spark-trainer-*-spark-submit.jar was found from "
                        + Path.of("").toAbsolutePath() + " upwards; build it with ./mvnw -pl spark-trainer -am package"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("lens.batch.submit.jar " + jar + " does not exist");
        }
        List<String> jvm = new ArrayList<>(List.of(JavaModuleOptions.defaultModuleOptionArray()));
        jvm.add("-Xmx" + submit.driverMemory());
        String classpath = submit.classpath() != null ? submit.classpath() : System.getProperty("java.class.path");
        return new SubmitCommand(Path.of(System.getProperty("java.home")), submit.sparkHome(), classpath, jvm,
                props.spark().master(), submit.deployMode(), submit.mainClass(), jar.toAbsolutePath(),
                props.spark().conf());
    }

    /** The thin jar of a source checkout: {@code ./lens} runs from the repository, tests from a module folder. */
    static Optional<Path> findThinJar(Path from) {
        for (Path dir = from; dir != null; dir = dir.getParent()) {
            Path target = dir.resolve("spark-trainer").resolve("target");
            if (Files.isDirectory(target)) {
                try (Stream<Path> files = Files.list(target)) {
                    Optional<Path> jar = files
                            .filter(p -> p.getFileName().toString().matches("lens-spark-trainer-.*-spark-submit\\.jar"))
                            .findFirst();
                    if (jar.isPresent()) {
                        return jar;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return Optional.empty();
    }
}
