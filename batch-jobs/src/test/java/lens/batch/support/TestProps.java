package lens.batch.support;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import lens.batch.config.JobSettings;
import lens.batch.config.LauncherKind;
import lens.batch.config.LensBatchProperties;

/** {@code lens.batch.*} as bound with its defaults, for tests of pure logic without a Spring context. */
public final class TestProps {

    private TestProps() {
    }

    public static LensBatchProperties of(List<String> jobs, Map<String, JobSettings.Overrides> settings) {
        return new LensBatchProperties(jobs, settings, LauncherKind.IN_PROCESS,
                new LensBatchProperties.Spark("local[1]", null),
                new LensBatchProperties.Submit(null, "lens.trainer.SparkJobMain", null, null, "client",
                        Duration.ofHours(2), Duration.ofMinutes(30), "1g", null),
                Duration.ofMinutes(15), Duration.ZERO, Duration.ofSeconds(2), 2,
                new LensBatchProperties.FaultInjection(null, null, Duration.ZERO, null),
                new LensBatchProperties.Recovery(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(30),
                        null));
    }
}
