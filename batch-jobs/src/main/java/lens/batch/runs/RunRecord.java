package lens.batch.runs;

import java.time.Duration;
import java.time.LocalDateTime;

/**
 * One job execution as {@code lens jobs status} shows it.
 *
 * @param failedStep the step that failed, or null
 * @param message    first line of the exit message, or null
 */
public record RunRecord(long executionId, String job, String window, Integer version, String status, String trigger,
                        LocalDateTime start, LocalDateTime end, String failedStep, String message) {

    public Duration duration() {
        if (start == null) {
            return Duration.ZERO;
        }
        return Duration.between(start, end == null ? LocalDateTime.now() : end);
    }

    public boolean failed() {
        return "FAILED".equals(status);
    }
}
