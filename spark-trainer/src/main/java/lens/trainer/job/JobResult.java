package lens.trainer.job;

import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lens.events.EventJson;

/**
 * A job run's summary, written as {@code summary.json} and published to {@code model-metrics}.
 *
 * @param job     job name
 * @param window  the hour, as {@link lens.events.EventHour#toString()}
 * @param metrics flat numeric metrics (what dashboards plot); never NaN in a valid run
 * @param details anything JSON-able that explains the run (per-model tables, decisions and their reasons)
 * @param outputs paths the run wrote, relative to the lake root
 */
public record JobResult(String job, String window, Map<String, Double> metrics, Map<String, Object> details,
                        List<String> outputs) {

    public JobResult {
        metrics = new LinkedHashMap<>(metrics);
        details = new LinkedHashMap<>(details);
        outputs = List.copyOf(outputs);
    }

    public byte[] toJson() {
        try {
            return EventJson.mapper().writer(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JobResult fromJson(byte[] json) {
        try {
            return EventJson.mapper().readValue(json, JobResult.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable job summary", e);
        }
    }
}
