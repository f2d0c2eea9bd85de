package lens.batch.schedule;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lens.batch.config.LensBatchProperties;
import lens.batch.config.PipelineProperties;
import lens.batch.config.ScheduleProperties;
import lens.batch.hourly.InputCheck;
import lens.batch.hourly.RunContext;
import lens.batch.runs.RunMode;
import lens.batch.runs.RunOutcome;
import lens.batch.runs.WindowRunner;
import lens.events.EventHour;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

/**
 * Late data: when an input manifest of a completed hour has a higher revision than the one its latest version
 * read, the job runs that hour again as a new version (which publishes only if the result changed).
 */
public class LateDataRerunner {

    private static final Logger log = LoggerFactory.getLogger(LateDataRerunner.class);

    private final WindowRunner runner;
    private final PipelineProperties pipeline;
    private final LensBatchProperties props;
    private final ScheduleProperties schedule;
    private final Clock clock;

    public LateDataRerunner(WindowRunner runner, PipelineProperties pipeline, LensBatchProperties props,
                            ScheduleProperties schedule, Clock clock) {
        this.runner = runner;
        this.pipeline = pipeline;
        this.props = props;
        this.schedule = schedule;
        this.clock = clock;
    }

    public List<RunOutcome> check() {
        EventHour due = ScheduleWindows.latestDue(clock.instant(), schedule.offset());
        EventHour from = due.plusHours(1 - Math.max(1, schedule.lateDataLookback().toHours()));
        List<RunOutcome> reruns = new ArrayList<>();
        for (String job : props.jobs()) {
            if (!props.settings(job).rerunOnLateData()) {
                continue;
            }
            for (EventHour hour = from; hour.compareTo(due) <= 0; hour = hour.plusHours(1)) {
                if (hasLateData(job, hour)) {
                    log.info("{} {}: input revision rose since its last version; re-running", job, hour);
                    reruns.add(runner.run(job, hour, RunMode.NEW_VERSION, "late-data", props.backfillInputTimeout()));
                }
            }
        }
        return reruns;
    }

    boolean hasLateData(String job, EventHour hour) {
        int version = runner.latestVersion(job, hour);
        if (version == 0) {
            return false;
        }
        Optional<JobExecution> last = runner.lastExecution(job, hour, version);
        if (last.isEmpty() || last.get().getStatus() != BatchStatus.COMPLETED) {
            return false;
        }
        Map<String, Integer> read = new RunContext(last.get()).inputRevisions();
        Map<String, Integer> now = InputCheck.check(pipeline.localLakeRoot(), props.settings(job).inputs(), hour)
                .revisions();
        return now.entrySet().stream().anyMatch(e -> e.getValue() > read.getOrDefault(e.getKey(), 0));
    }
}
