package lens.batch.config;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code lens.schedule.*}: when the hourly jobs fire.
 *
 * @param enabled        start the Quartz scheduler ({@code lens run} sets it; CLIs such as backfill leave it off)
 * @param offset         grace after an hour ends before its jobs run; a firing at T processes the latest hour
 *                       whose end + offset is at or before T
 * @param cron           per job, a Quartz cron expression; unset jobs fire hourly at minute {@code offset}
 * @param maxCatchUp     how far back the downtime catch-up looks
 * @param lateDataCheck  how often manifests of recent hours are checked for new revisions (late data)
 * @param lateDataLookback how far back that check looks
 */
@ConfigurationProperties("lens.schedule")
public record ScheduleProperties(@DefaultValue("false") boolean enabled,
                                 @DefaultValue("10m") Duration offset,
                                 Map<String, String> cron,
                                 @DefaultValue("48h") Duration maxCatchUp,
                                 @DefaultValue("5m") Duration lateDataCheck,
                                 @DefaultValue("48h") Duration lateDataLookback) {

    public ScheduleProperties {
        if (offset.isNegative() || offset.compareTo(Duration.ofHours(1)) >= 0) {
            throw new IllegalArgumentException("lens.schedule.offset must be in [0, 1h), was " + offset);
        }
        cron = cron == null ? Map.of() : Map.copyOf(cron);
    }

    /** The job's cron expression: configured, or hourly at the offset's minute. */
    public String cronOf(String job) {
        String configured = cron.get(job);
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        long minutes = offset.toMinutes() % 60;
        return "0 " + minutes + " * * * ?";
    }
}
