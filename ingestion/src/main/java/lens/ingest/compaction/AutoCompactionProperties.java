package lens.ingest.compaction;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code lens.ingest.compaction.*}: whether the ingester compacts complete hours itself, on a background thread, with
 * the {@code lens.compact.*} settings of {@link HourCompactor}. Off by default: a Spark job reading an hour whose
 * replaced files a compaction deletes fails and is re-run (see the README), so a team turns it on knowingly.
 *
 * @param auto     compact in the ingester
 * @param interval pause between two sweeps over the lake's manifested hours
 */
@ConfigurationProperties("lens.ingest.compaction")
public record AutoCompactionProperties(
        @DefaultValue("false") boolean auto,
        @DefaultValue("10m") Duration interval) {

    public AutoCompactionProperties {
        if (interval.toMillis() < 1000) {
            throw new IllegalArgumentException("lens.ingest.compaction.interval must be at least 1s");
        }
    }
}
