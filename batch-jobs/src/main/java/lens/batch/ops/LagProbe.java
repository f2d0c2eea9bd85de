package lens.batch.ops;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lens.batch.config.JobSettings;
import lens.batch.config.LensBatchProperties;
import lens.batch.config.PipelineProperties;
import lens.batch.config.ScheduleProperties;
import lens.batch.hourly.InputCheck;
import lens.batch.runs.RunHistory;
import lens.batch.schedule.ScheduleWindows;
import lens.events.EventHour;
import lens.events.Topic;

/**
 * How far a job is behind its input: the latest window whose last hour's inputs are complete minus its latest
 * completed window. A job reading upstream results looks at its upstream jobs' inputs, so a daily roll-up is 0
 * while it has run every finished day, and 24 per day it is behind.
 */
public class LagProbe {

    private static final int LOOK_BACK_HOURS = 72;

    private final RunHistory history;
    private final PipelineProperties pipeline;
    private final LensBatchProperties props;
    private final ScheduleProperties schedule;
    private final Clock clock;

    public LagProbe(RunHistory history, PipelineProperties pipeline, LensBatchProperties props,
                    ScheduleProperties schedule, Clock clock) {
        this.history = history;
        this.pipeline = pipeline;
        this.props = props;
        this.schedule = schedule;
        this.clock = clock;
    }

    /** NaN when there is no complete input hour in the last three days (nothing to be behind on). */
    public double lagHours(String job) {
        Optional<EventHour> input = latestCompleteInput(job);
        if (input.isEmpty()) {
            return Double.NaN;
        }
        Optional<EventHour> done = history.lastCompletedWindow(job);
        if (done.isEmpty()) {
            return LOOK_BACK_HOURS;
        }
        EventHour latestWindow = props.settings(job).cadence().latestDue(input.get());
        return Math.max(0, (latestWindow.startMillis() - done.get().startMillis()) / 3_600_000.0);
    }

    Optional<EventHour> latestCompleteInput(String job) {
        JobSettings settings = props.settings(job);
        List<Topic> topics = new ArrayList<>(settings.inputs());
        settings.upstream().forEach(upstream -> topics.addAll(props.settings(upstream).inputs()));
        EventHour hour = ScheduleWindows.latestDue(clock.instant(), schedule.offset()).plusHours(1);
        for (int i = 0; i < LOOK_BACK_HOURS; i++, hour = hour.plusHours(-1)) {
            if (InputCheck.check(pipeline.localLakeRoot(), topics, hour).complete()) {
                return Optional.of(hour);
            }
        }
        return Optional.empty();
    }
}
