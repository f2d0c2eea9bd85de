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
        return start(workdir, TestBroker.bootstrapServers(), clock, null, extra);
    }

    /**
     * A node on a connection pool the caller owns. Two nodes in one JVM must share it: Quartz keys its data sources
     * by scheduler name JVM-wide, and cluster members share that name.
     */
    public static ConfigurableApplicationContext start(Path workdir, Clock clock, javax.sql.DataSource dataSource,
                                                       Map<String, Object> extra) {
        return start(workdir, TestBroker.bootstrapServers(), clock, dataSource, extra);
    }

    /** In a child JVM: the broker is the parent's. */
    public static ConfigurableApplicationContext startWith(Path workdir, String bootstrap, Map<String, Object> extra) {
        return start(workdir, bootstrap, null, null, extra);
    }

    private static ConfigurableApplicationContext start(Path workdir, String bootstrap, Clock clock,
                                                        javax.sql.DataSource dataSource, Map<String, Object> extra) {
        HourCountJob.register();
        TestSpark.get();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("lens.workdir", workdir.toString());
        properties.put("lens.kafka.bootstrap-servers", bootstrap);
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
        builder.initializers(context -> {
            if (clock != null) {
                context.getBeanFactory().registerSingleton("clock", clock);
            }
            if (dataSource != null) {
                context.getBeanFactory().registerSingleton("dataSource", dataSource);
            }
        });
        return builder.run();
    }
}
