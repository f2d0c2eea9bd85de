package lens.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * A metrics message. Pipeline jobs publish one per (job, window, version) with {@code source} = job name,
 * the flat numeric {@code metrics} and the whole JSON {@code summary}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelMetric(String eventId, long timestamp, String source, String modelName, String modelVersion,
                          String window, Integer version, Map<String, Double> metrics, String summary)
        implements LensEvent {
    @Override
    public Topic topic() {
        return Topic.MODEL_METRICS;
    }

    /** Keyed by job and window, so a consumer that keeps the latest per key keeps the highest version. */
    @Override
    public String key() {
        return window == null ? source : source + "|" + window;
    }
}
