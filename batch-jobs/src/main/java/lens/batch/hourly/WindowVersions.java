package lens.batch.hourly;

import java.util.Optional;
import lens.events.EventHour;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;

/** The versions of a (job, window) in the job repository: one JobInstance per version, numbered from 1. */
public final class WindowVersions {

    private final JobRepository repository;

    public WindowVersions(JobRepository repository) {
        this.repository = repository;
    }

    /** The highest version of the window that has a JobInstance, or 0. */
    public int latestVersion(String job, EventHour window) {
        int version = 0;
        while (repository.getJobInstance(job, WindowParameters.identity(window, version + 1)) != null) {
            version++;
        }
        return version;
    }

    /** The latest version of the window with its last execution's status; empty when the window never ran. */
    public Optional<UpstreamCheck.LatestRun> latestRun(String job, EventHour window) {
        int version = latestVersion(job, window);
        return version == 0 ? Optional.empty() : lastExecution(job, window, version)
                .map(execution -> new UpstreamCheck.LatestRun(version, execution.getStatus()));
    }

    public Optional<JobExecution> lastExecution(String job, EventHour window, int version) {
        JobInstance instance = repository.getJobInstance(job, WindowParameters.identity(window, version));
        return instance == null ? Optional.empty() : Optional.ofNullable(repository.getLastJobExecution(instance));
    }
}
