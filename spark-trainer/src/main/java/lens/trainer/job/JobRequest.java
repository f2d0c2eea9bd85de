package lens.trainer.job;

import java.util.Map;
import lens.events.EventHour;

/**
 * What one run of a job works on.
 *
 * @param lakeRoot lake root: a local path or a Hadoop URI
 * @param workDir  the pipeline's work directory (models live under {@code <workDir>/models})
 * @param window   the data hour the run is for
 * @param options  job-specific settings ({@code key=value}), e.g. {@code als.rank=20}
 */
public record JobRequest(String lakeRoot, String workDir, EventHour window, Map<String, String> options) {

    public JobRequest {
        options = Map.copyOf(options);
    }

    public String option(String key, String defaultValue) {
        return options.getOrDefault(key, defaultValue);
    }

    public int intOption(String key, int defaultValue) {
        String value = options.get(key);
        return value == null ? defaultValue : Integer.parseInt(value.trim());
    }

    public long longOption(String key, long defaultValue) {
        String value = options.get(key);
        return value == null ? defaultValue : Long.parseLong(value.trim().replace("_", ""));
    }

    public double doubleOption(String key, double defaultValue) {
        String value = options.get(key);
        return value == null ? defaultValue : Double.parseDouble(value.trim());
    }

    public boolean booleanOption(String key, boolean defaultValue) {
        String value = options.get(key);
        return value == null ? defaultValue : Boolean.parseBoolean(value.trim());
    }
}
