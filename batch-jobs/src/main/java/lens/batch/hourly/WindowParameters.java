package lens.batch.hourly;

import java.time.Duration;
import lens.events.EventHour;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * The parameters of an hourly run. A JobInstance is its window and result version, nothing else: no run-id
 * incrementer, so "the 08:00 metrics, version 1" exists once, is restartable, and a second start of it is refused.
 */
public final class WindowParameters {

    public static final String WINDOW = "window";
    public static final String VERSION = "version";
    /** Non-identifying: why the run started ({@code schedule}, {@code backfill}, {@code catch-up}, {@code late-data}). */
    public static final String TRIGGER = "trigger";
    /** Non-identifying: how long to wait for the input hour, ISO-8601. */
    public static final String INPUT_TIMEOUT = "inputTimeout";

    private WindowParameters() {
    }

    /** The identifying part only: what {@code getJobInstance} looks up. */
    public static JobParameters identity(EventHour window, int version) {
        return new JobParametersBuilder()
                .addString(WINDOW, window.id(), true)
                .addLong(VERSION, (long) version, true)
                .toJobParameters();
    }

    public static JobParameters of(EventHour window, int version, String trigger, Duration inputTimeout) {
        return new JobParametersBuilder(identity(window, version))
                .addString(TRIGGER, trigger, false)
                .addString(INPUT_TIMEOUT, inputTimeout.toString(), false)
                .toJobParameters();
    }

    public static EventHour window(JobParameters parameters) {
        return EventHour.parse(parameters.getString(WINDOW));
    }

    public static int version(JobParameters parameters) {
        return parameters.getLong(VERSION).intValue();
    }

    public static Duration inputTimeout(JobParameters parameters, Duration fallback) {
        String value = parameters.getString(INPUT_TIMEOUT);
        return value == null ? fallback : Duration.parse(value);
    }
}
