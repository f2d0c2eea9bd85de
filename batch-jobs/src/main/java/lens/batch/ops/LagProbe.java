package lens.batch.ops;

import java.time.Clock;
import java.util.Optional;
import lens.batch.config.LensBatchProperties;
import lens.batch.config.PipelineProperties;
import lens.batch.config.ScheduleProperties;
import lens.batch.hourly.InputCheck;
import lens.batch.runs.RunHistory;
import lens.batch.schedule.ScheduleWindows;
import lens.events.EventHour;

/** How far a job is behind its input: the latest hour whose inputs are complete minus its latest completed window. */
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
        return Math.max(0, (input.get().startMillis() - done.get().startMillis()) / 3_600_000.0);
    }

    Optional<EventHour> latestCompleteInput(String job) {
        EventHour hour = ScheduleWindows.latestDue(clock.instant(), schedule.offset()).plusHours(1);
        for (int i = 0; i < LOOK_BACK_HOURS; i++, hour = hour.plusHours(-1)) {
            if (InputCheck.check(pipeline.localLakeRoot(), props.settings(job).inputs(), hour).complete()) {
                return Optional.of(hour);
            }
        }
        return Optional.empty();
    }
}
