package lens.batch.support;

import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import lens.batch.BatchApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the batch application as a separate "node" with its own properties and, optionally, its own clock. */
public final class TestApps {

    private TestApps() {
    }

    public static ConfigurableApplicationContext start(Path workdir, Clock clock, Map<String, Object> extra) {
        HourCountJob.register();
        TestSpark.get();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("lens.workdir", workdir.toString());
        properties.put("lens.kafka.bootstrap-servers", TestBroker.bootstrapServers());
        properties.put("lens.batch.jobs", HourCountJob.COUNT + "," + HourCountJob.RATE);
        properties.put("lens.batch.job-settings.hour-count.inputs", "ab-test-events");
        properties.put("lens.batch.job-settings.rate-report.inputs", "ab-test-events");
        properties.put("lens.batch.job-settings.slow-retrain.inputs", "ab-test-events");
        properties.put("lens.batch.job-settings.slow-retrain.catch-up", "latest-only");
        properties.put("lens.batch.job-settings.slow-retrain.rerun-on-late-data", "false");
        properties.put("lens.batch.input-poll-interval", "100ms");
        properties.put("spring.main.register-shutdown-hook", "false");
        properties.putAll(extra);
        var builder = BatchApplication.builder().properties(properties);
        if (clock != null) {
            builder.initializers(context -> context.getBeanFactory().registerSingleton("clock", clock));
        }
        return builder.run();
    }
}
