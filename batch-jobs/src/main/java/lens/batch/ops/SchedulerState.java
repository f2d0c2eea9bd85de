package lens.batch.ops;

import org.quartz.Scheduler;
import org.quartz.SchedulerException;

/** Whether this node's Quartz scheduler is firing triggers. */
public class SchedulerState {

    private final Scheduler scheduler;
    private final boolean enabled;

    public SchedulerState(Scheduler scheduler, boolean enabled) {
        this.scheduler = scheduler;
        this.enabled = enabled;
    }

    public boolean enabled() {
        return enabled;
    }

    public boolean running() {
        try {
            return scheduler != null && scheduler.isStarted() && !scheduler.isInStandbyMode()
                    && !scheduler.isShutdown();
        } catch (SchedulerException e) {
            return false;
        }
    }

    public String describe() {
        if (!enabled) {
            return "disabled";
        }
        return running() ? "running" : "stopped";
    }
}
