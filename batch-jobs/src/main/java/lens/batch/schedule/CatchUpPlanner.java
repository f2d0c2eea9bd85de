package lens.batch.schedule;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lens.batch.config.CatchUp;
import lens.events.EventHour;

/**
 * Which windows a scheduler firing should run, given the last window ever attempted for the job (completed or
 * not): every never-attempted hour up to the due one, oldest first (EVERY_HOUR), or only the due one
 * (LATEST_ONLY). At most {@code maxHours} back; a job with no history starts at the due hour. Failed windows are
 * not retried here: they stay visible in {@code lens jobs status} until restarted, as a failed DAG run does.
 */
public final class CatchUpPlanner {

    private CatchUpPlanner() {
    }

    public static List<EventHour> plan(CatchUp policy, Optional<EventHour> lastAttempted, EventHour due,
                                       int maxHours) {
        if (lastAttempted.isPresent() && lastAttempted.get().compareTo(due) >= 0) {
            return List.of();
        }
        if (policy == CatchUp.LATEST_ONLY || lastAttempted.isEmpty()) {
            return List.of(due);
        }
        EventHour from = lastAttempted.get().plusHours(1);
        EventHour earliest = due.plusHours(1 - Math.max(1, maxHours));
        if (from.compareTo(earliest) < 0) {
            from = earliest;
        }
        List<EventHour> windows = new ArrayList<>();
        for (EventHour hour = from; hour.compareTo(due) <= 0; hour = hour.plusHours(1)) {
            windows.add(hour);
        }
        return windows;
    }
}
