package lens.batch.schedule;

import java.util.List;
import java.util.Optional;
import lens.batch.config.Cadence;
import lens.batch.config.CatchUp;
import lens.events.EventHour;

/**
 * Which windows a scheduler firing should run, given the last window ever attempted for the job (completed or
 * not): every never-attempted window up to the due one, oldest first (EVERY_HOUR), or only the due one
 * (LATEST_ONLY). Windows are hours or days ({@link Cadence}); only windows ending within {@code maxHours} of the
 * due window's end; a job with no history starts at the due window. Failed windows are not retried here: they
 * stay visible in {@code lens jobs status} until restarted, as a failed DAG run does.
 */
public final class CatchUpPlanner {

    private CatchUpPlanner() {
    }

    public static List<EventHour> plan(CatchUp policy, Cadence cadence, Optional<EventHour> lastAttempted,
                                       EventHour due, int maxHours) {
        if (lastAttempted.isPresent() && lastAttempted.get().compareTo(due) >= 0) {
            return List.of();
        }
        if (policy == CatchUp.LATEST_ONLY || lastAttempted.isEmpty()) {
            return List.of(due);
        }
        EventHour from = cadence.next(lastAttempted.get());
        EventHour earliest = cadence.windowOf(cadence.lastHour(due).plusHours(1 - Math.max(1, maxHours)));
        if (from.compareTo(earliest) < 0) {
            from = earliest;
        }
        return cadence.windowsEndingIn(from, cadence.lastHour(due));
    }
}
