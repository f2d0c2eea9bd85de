package lens.batch.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import lens.batch.BatchApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Base of the Spring tests: the batch application on an H2 file store in a fresh work directory, the real test
 * broker, the shared local Spark session, and two test jobs reading {@code ab-test-events}.
 */
@SpringBootTest(classes = BatchApplication.class)
public abstract class BatchTestContext {

    static {
        HourCountJob.register();
        TestSpark.get();
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
