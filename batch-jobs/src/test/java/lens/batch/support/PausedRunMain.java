package lens.batch.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import lens.batch.runs.RunMode;
import lens.batch.runs.WindowRunner;
import lens.events.EventHour;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A child JVM for the kill test: runs one window whose publish step pauses for a long time, so the test can
 * SIGKILL this process while the run is marked STARTED. Args: workdir, bootstrap servers, hour.
 */
public final class PausedRunMain {

    private PausedRunMain() {
    }

    public static void main(String[] args) {
        System.setProperty("lens.test.bootstrap", args[1]);
        ConfigurableApplicationContext context = TestApps.startWith(Path.of(args[0]), args[1], Map.of(
                "lens.batch.fault-injection.pause-at", "publish-summary",
                "lens.batch.fault-injection.pause-for", "10m",
                "lens.batch.recovery.heartbeat", "1s",
                "lens.batch.recovery.node-timeout", "4s"));
        context.getBean(WindowRunner.class).run(HourCountJob.COUNT, EventHour.parse(args[2]), RunMode.ONCE, "test",
                Duration.ZERO);
    }
}
