package lens.batch.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import lens.batch.BatchApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the Spring tests: the batch application on an H2 file store in a fresh work directory, the real test
 * broker, the shared local Spark session, and two test jobs reading {@code ab-test-events}.
 */
@SpringBootTest(classes = BatchApplication.class)
public abstract class BatchTestContext {

    /** One work directory (lake, H2 store) for every Spring test; tests use distinct hours so they never meet. */
    public static final Path WORKDIR = newWorkdir();

    static {
        HourCountJob.register();
        TestSpark.get();
    }

    /** Declared once here, so test classes without extra properties share one cached Spring context. */
    @DynamicPropertySource
    static void lensProperties(DynamicPropertyRegistry registry) {
        register(registry, WORKDIR);
    }

    protected static TestLake lake() {
        return new TestLake(WORKDIR.resolve("lake"));
    }

    public static Path newWorkdir() {
        try {
            return Files.createTempDirectory("lens-batch-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The properties every test context needs; call from a {@code @DynamicPropertySource}. */
    public static void register(DynamicPropertyRegistry registry, Path workdir) {
        registry.add("lens.workdir", workdir::toString);
        registry.add("lens.kafka.bootstrap-servers", TestBroker::bootstrapServers);
        registry.add("lens.batch.jobs", () -> HourCountJob.COUNT + "," + HourCountJob.RATE);
        registry.add("lens.batch.job-settings.hour-count.inputs", () -> "ab-test-events");
        registry.add("lens.batch.job-settings.rate-report.inputs", () -> "ab-test-events");
        registry.add("lens.batch.input-poll-interval", () -> "100ms");
    }
}
