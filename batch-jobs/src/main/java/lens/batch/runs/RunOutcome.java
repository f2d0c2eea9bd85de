package lens.batch.runs;

import java.time.Duration;
import lens.events.EventHour;

/**
 * One window's run as the caller sees it.
 *
 * @param job         job name
 * @param window      the hour
 * @param version     result version of the window the run was for (0 when none)
 * @param status      what happened
 * @param executionId Spring Batch job execution id, or null when nothing ran
 * @param duration    wall time of this call
 * @param message     failure message or why it was skipped
 */
public record RunOutcome(String job, EventHour window, int version, RunStatus status, Long executionId,
                         Duration duration, String message) {

    public boolean ok() {
        return status == RunStatus.COMPLETED || status == RunStatus.SKIPPED;
    }
}
