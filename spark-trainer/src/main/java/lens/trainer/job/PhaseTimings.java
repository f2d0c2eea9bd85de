package lens.trainer.job;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Wall time per phase of a job, in the order the phases ran, for its summary: where an hour's budget went. Each
 * {@link #lap} closes the phase that began at the previous lap (Spark is lazy, so a phase is charged with the
 * actions it triggers). A phase that runs twice adds up.
 */
public final class PhaseTimings {

    private final LongSupplier nanoClock;
    private final Map<String, Double> seconds = new LinkedHashMap<>();
    private long mark;

    public PhaseTimings() {
        this(System::nanoTime);
    }

    PhaseTimings(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.mark = nanoClock.getAsLong();
    }

    /** Ends the running phase under {@code phase} and starts the next. */
    public void lap(String phase) {
        long now = nanoClock.getAsLong();
        double elapsed = Math.round((now - mark) / 1e7) / 100.0;
        seconds.merge(phase, elapsed, Double::sum);
        mark = now;
    }

    /** Seconds per phase, rounded to hundredths, in first-run order. */
    public Map<String, Double> seconds() {
        return new LinkedHashMap<>(seconds);
    }
}
