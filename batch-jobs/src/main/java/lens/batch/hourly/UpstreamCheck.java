package lens.batch.hourly;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import lens.batch.config.JobSettings;
import lens.batch.config.LensBatchProperties;
import lens.events.EventHour;
import org.springframework.batch.core.BatchStatus;

/**
 * Whether the results a job reads from its upstream jobs ({@link JobSettings#upstream}) are there for the hours
 * its window covers. An hour counts once its upstream run completed. An hour whose upstream input is not complete
 * (no manifests: the ingester writes none for an hour without events) is not waited for: the reader goes without
 * it and runs again when it appears (a completed upstream version where there was none). An hour with complete
 * input is waited for while its upstream run is missing or running, and blocks the reader when that run failed:
 * a roll-up that silently left out an hour with data would look complete.
 */
public final class UpstreamCheck {

    /** One upstream hour as its reader sees it. */
    enum HourState {
        /** The upstream run's latest version completed: read it. */
        DONE,
        /** No complete input and no completed run: nothing to read (yet). */
        NO_INPUT,
        /** Complete input, upstream run not there yet or still running: wait. */
        PENDING,
        /** Complete input, upstream run's latest version failed or was stopped: only a restart helps. */
        FAILED
    }

    /**
     * @param versions the completed upstream version per hour read, keyed {@code <job>@<hour id>}
     *                 (e.g. {@code serving-metrics@2026-11-29T05}); part of the run's input revisions
     * @param pending  upstream hours being waited for
     * @param failed   upstream hours whose latest run failed
     */
    public record Status(Map<String, Integer> versions, List<String> pending, List<String> failed) {
        public boolean complete() {
            return pending.isEmpty() && failed.isEmpty();
        }

        /** Waiting cannot help: an upstream run failed. */
        public boolean blocked() {
            return !failed.isEmpty();
        }
    }

    /** An upstream window's latest version and the status of its last execution. */
    public record LatestRun(int version, BatchStatus status) {
    }

    /** Looks up upstream runs ({@link WindowVersions#latestRun} against the job repository). */
    @FunctionalInterface
    public interface LatestRuns {
        Optional<LatestRun> latest(String job, EventHour window);
    }

    private final LensBatchProperties props;
    private final LatestRuns runs;

    public UpstreamCheck(LensBatchProperties props, LatestRuns runs) {
        this.props = props;
        this.runs = runs;
    }

    /** The state of {@code job}'s upstream results for its window {@code window}, manifests read under {@code lake}. */
    public Status check(Path lake, String job, EventHour window) {
        JobSettings settings = props.settings(job);
        Map<String, Integer> read = new TreeMap<>();
        List<String> pending = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (String upstream : settings.upstream()) {
            List<EventHour> hours = props.settings(upstream).cadence().windowsEndingIn(window,
                    settings.cadence().lastHour(window));
            for (EventHour hour : hours) {
                Optional<LatestRun> latest = runs.latest(upstream, hour);
                Optional<BatchStatus> status = latest.map(LatestRun::status);
                int version = latest.map(LatestRun::version).orElse(0);
                boolean inputComplete = status.filter(s -> s == BatchStatus.COMPLETED).isPresent()
                        || InputCheck.check(lake, props.settings(upstream).inputs(), hour).complete();
                String key = key(upstream, hour);
                switch (state(inputComplete, status)) {
                    case DONE -> read.put(key, version);
                    case PENDING -> pending.add(key + (version == 0 ? " (not run)" : " v" + version + " running"));
                    case FAILED -> failed.add(key + " v" + version + " " + status.orElseThrow());
                    case NO_INPUT -> { }
                }
            }
            if (!hours.isEmpty() && read.keySet().stream().noneMatch(k -> k.startsWith(upstream + "@"))
                    && pending.isEmpty() && failed.isEmpty()) {
                // Nothing at all to read: a result of no hours would only mislead.
                pending.add("any hour of " + upstream + " from " + hours.get(0) + " to " + hours.get(hours.size() - 1)
                        + " (none has complete input)");
            }
        }
        return new Status(read, pending, failed);
    }

    /** How a reader treats one upstream hour, from whether its input is complete and its latest run's status. */
    static HourState state(boolean inputComplete, Optional<BatchStatus> latest) {
        if (latest.isPresent() && latest.get() == BatchStatus.COMPLETED) {
            return HourState.DONE;
        }
        if (!inputComplete) {
            return HourState.NO_INPUT;
        }
        if (latest.isEmpty() || latest.get().isRunning()) {
            return HourState.PENDING;
        }
        return HourState.FAILED;
    }

    public static String key(String upstream, EventHour hour) {
        return upstream + "@" + hour.id();
    }
}
