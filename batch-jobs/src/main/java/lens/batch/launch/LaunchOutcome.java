package lens.batch.launch;

import java.time.Duration;
import lens.trainer.job.JobResult;

/**
 * A finished Spark run.
 *
 * @param result        the job's summary
 * @param applicationId Spark's application id ({@code local-...}, {@code app-...}, {@code application_...})
 * @param driverLog     where the driver's output was kept, or null in process
 * @param duration      wall time of the run
 */
public record LaunchOutcome(JobResult result, String applicationId, String driverLog, Duration duration) {
}
