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

    /** An int option; digits may be grouped with {@code _} (e.g. {@code 1_000}). */
    public int intOption(String key, int defaultValue) {
        return parsed(key, defaultValue, text -> Integer.parseInt(text.replace("_", "")), "an integer");
    }

    /** A long option; digits may be grouped with {@code _} (e.g. {@code 100_000_000}). */
    public long longOption(String key, long defaultValue) {
        return parsed(key, defaultValue, text -> Long.parseLong(text.replace("_", "")), "an integer");
    }

    public double doubleOption(String key, double defaultValue) {
        return parsed(key, defaultValue, Double::parseDouble, "a number");
    }

    /** {@code true} or {@code false} (any case); anything else is refused rather than read as false. */
    public boolean booleanOption(String key, boolean defaultValue) {
        return parsed(key, defaultValue, text -> switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(text);
        }, "true or false");
    }

    private <T> T parsed(String key, T defaultValue, java.util.function.Function<String, T> parse, String expected) {
        String value = options.get(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            return parse.apply(value.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("option " + key + " must be " + expected + ", got '" + value + "'", e);
        }
    }
}
