package lens.batch.schedule;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import lens.batch.config.JobSettings;
import lens.batch.config.LensBatchProperties;
import lens.batch.config.PipelineProperties;
import lens.batch.config.ScheduleProperties;
import lens.batch.hourly.InputCheck;
import lens.batch.hourly.RunContext;
import lens.batch.hourly.UpstreamCheck;
import lens.batch.hourly.WindowVersions;
import lens.batch.runs.RunMode;
import lens.batch.runs.RunOutcome;
import lens.batch.runs.WindowRunner;
import lens.events.EventHour;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

/**
 * Late data: when an input manifest of a completed window has a higher revision than the one its latest version
 * read, or an upstream hour it covers has a newer completed version (or one where it had none), the job runs that
 * window again as a new version (which publishes only if the result changed). Jobs are checked upstream first, so
 * an hourly re-run is followed by its daily roll-up's in the same check.
 */
public class LateDataRerunner {

    private static final Logger log = LoggerFactory.getLogger(LateDataRerunner.class);

    private final WindowRunner runner;
    private final PipelineProperties pipeline;
    private final LensBatchProperties props;
    private final ScheduleProperties schedule;
    private final Clock clock;
    private final UpstreamCheck upstreamCheck;

    public LateDataRerunner(WindowRunner runner, PipelineProperties pipeline, LensBatchProperties props,
                            ScheduleProperties schedule, Clock clock, WindowVersions versions) {
        this.upstreamCheck = new UpstreamCheck(props, versions::latestRun);
        this.runner = runner;
        this.pipeline = pipeline;
        this.props = props;
        this.schedule = schedule;
        this.clock = clock;
    }

    public List<RunOutcome> check() {
        EventHour dueHour = ScheduleWindows.latestDue(clock.instant(), schedule.offset());
        EventHour from = dueHour.plusHours(1 - Math.max(1, schedule.lateDataLookback().toHours()));
        List<RunOutcome> reruns = new ArrayList<>();
        for (String job : props.jobsUpstreamFirst()) {
            JobSettings settings = props.settings(job);
            if (!settings.rerunOnLateData()) {
                continue;
            }
            // Windows that end within the look-back and are due (a day is, once its last hour is).
            for (EventHour window : settings.cadence().windowsEndingIn(from, dueHour)) {
                if (hasLateData(job, window)) {
                    log.info("{} {}: input revision or upstream version rose since its last version; re-running",
                            job, window);
                    reruns.add(runner.run(job, window, RunMode.NEW_VERSION, "late-data",
                            props.backfillInputTimeout()));
                }
            }
        }
        return reruns;
    }

    boolean hasLateData(String job, EventHour window) {
        int version = runner.latestVersion(job, window);
        if (version == 0) {
            return false;
        }
        Optional<JobExecution> last = runner.lastExecution(job, window, version);
        if (last.isEmpty() || last.get().getStatus() != BatchStatus.COMPLETED) {
            return false;
        }
        Map<String, Integer> read = new RunContext(last.get()).inputRevisions();
        Path lake = pipeline.localLakeRoot();
        Map<String, Integer> now = new TreeMap<>(InputCheck.check(lake, props.settings(job).inputs(), window)
                .revisions());
        if (!props.settings(job).upstream().isEmpty()) {
            UpstreamCheck.Status upstream = upstreamCheck.check(lake, job, window);
            if (!upstream.complete()) {
                // An upstream hour is re-running or failed: a re-run now could not complete; look again later.
                return false;
            }
            now.putAll(upstream.versions());
        }
        return now.entrySet().stream().anyMatch(e -> e.getValue() > read.getOrDefault(e.getKey(), 0));
    }
}
