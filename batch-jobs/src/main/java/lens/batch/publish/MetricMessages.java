package lens.batch.publish;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import lens.events.EventHour;
import lens.events.Field;
import lens.events.LakeLayout;
import lens.events.ModelMetric;
import lens.trainer.job.JobResult;

/**
 * The {@code model-metrics} message of a job's result, built deterministically: the same (job, window, version)
 * and result always give the same bytes, so a re-send after a crash is the same message, never a different one.
 */
public final class MetricMessages {

    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private MetricMessages() {
    }

    public static ModelMetric message(String job, EventHour window, int version, JobResult result, long resultAt) {
        return new ModelMetric(eventId(job, window, version), resultAt, job, null, null, window.toString(), version,
                new LinkedHashMap<>(result.metrics()), summaryText(result, Field.MAX_STRING_LENGTH));
    }

    public static String eventId(String job, EventHour window, int version) {
        return UUID.nameUUIDFromBytes(("model-metrics|" + job + "|" + window.id() + "|v" + version)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * The result's JSON when it fits the contract's string limit; otherwise a compact form with the metrics
     * count and the path of the full {@code summary.json} in the lake.
     */
    static String summaryText(JobResult result, int maxLength) {
        String full = compact(result);
        if (full.length() <= maxLength) {
            return full;
        }
        Map<String, Object> reduced = new LinkedHashMap<>();
        reduced.put("job", result.job());
        reduced.put("window", result.window());
        reduced.put("summaryPath", LakeLayout.summary(result.job(), EventHour.parse(result.window())));
        reduced.put("truncated", true);
        String text = write(reduced);
        return text.length() <= maxLength ? text : text.substring(0, maxLength);
    }

    /** Identity of a result for "did it change?": metrics and details, key order and output paths aside. */
    public static String fingerprint(JobResult result) {
        Map<String, Object> content = new TreeMap<>();
        content.put("metrics", new TreeMap<>(result.metrics()));
        content.put("details", result.details());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    CANONICAL.writeValueAsBytes(content));
            return HexFormat.of().formatHex(digest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String compact(JobResult result) {
        try {
            return CANONICAL.writeValueAsString(result);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String write(Object value) {
        try {
            return CANONICAL.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
