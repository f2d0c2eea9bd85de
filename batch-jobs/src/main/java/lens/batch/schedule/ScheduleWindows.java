package lens.batch.schedule;

import java.time.Duration;
import java.time.Instant;
import lens.events.EventHour;

/** Which hour is due at a given time: the latest one whose end plus the grace offset has passed. */
public final class ScheduleWindows {

    private ScheduleWindows() {
    }

    public static EventHour latestDue(Instant now, Duration offset) {
        return EventHour.containing(now.minus(offset)).plusHours(-1);
    }
}
