package lens.ingest.ops;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import lens.ingest.lake.Lake;
import org.apache.hadoop.fs.Path;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** Up when a probe file can be written durably, renamed and deleted under the lake's {@code _state}. */
public final class LakeHealthIndicator implements HealthIndicator {

    private final Lake lake;
    private final String instanceId;

    public LakeHealthIndicator(Lake lake, String instanceId) {
        this.lake = lake;
        this.instanceId = instanceId;
    }

    @Override
    public Health health() {
        Path probe = lake.path(Lake.STATE + "/health/" + instanceId + ".probe");
        try {
            lake.writeAtomically(probe, Instant.now().toString().getBytes(StandardCharsets.UTF_8), instanceId);
            lake.delete(probe);
            return Health.up().withDetail("root", lake.root().toString()).build();
        } catch (Exception e) {
            return Health.down().withDetail("root", lake.root().toString()).withDetail("error", e.toString()).build();
        }
    }
}
