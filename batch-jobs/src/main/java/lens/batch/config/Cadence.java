package lens.batch.config;

import java.util.ArrayList;
import java.util.List;
import lens.events.EventHour;

/**
 * How often a job produces a result, and the window arithmetic that follows. A window is identified by its first
 * hour (a daily window by the day's {@code T00} hour, UTC) and is due once its last hour is due, so a daily job
 * for 2026-11-29 runs when {@code 2026-11-29T23} is due.
 */
public enum Cadence {
    /** One result per hour. */
    HOURLY(1),
    /** One result per UTC day. */
    DAILY(24);

    private final int hours;

    Cadence(int hours) {
        this.hours = hours;
    }

    /** Hours in one window. */
    public int hours() {
        return hours;
    }

    /** The window that holds {@code hour}. */
    public EventHour windowOf(EventHour hour) {
        // Windows are aligned to UTC midnight, and 24 is a multiple of every window length.
        return hour.plusHours(-(hour.hourOfDay() % hours));
    }

    /** Whether {@code hour} starts a window (a daily job's window must be a T00 hour). */
    public boolean isWindow(EventHour hour) {
        return windowOf(hour).equals(hour);
    }

    public EventHour lastHour(EventHour window) {
        return window.plusHours(hours - 1);
    }

    public EventHour next(EventHour window) {
        return window.plusHours(hours);
    }

    /** The hours a window covers, oldest first. */
    public List<EventHour> hoursOf(EventHour window) {
        List<EventHour> covered = new ArrayList<>(hours);
        for (int h = 0; h < hours; h++) {
            covered.add(window.plusHours(h));
        }
        return covered;
    }

    /** The latest window whose last hour is at or before {@code dueHour} (see {@code ScheduleWindows.latestDue}). */
    public EventHour latestDue(EventHour dueHour) {
        return windowOf(dueHour.plusHours(1)).plusHours(-hours);
    }

    /** The windows whose last hour lies in {@code [from, to]}, oldest first. */
    public List<EventHour> windowsEndingIn(EventHour from, EventHour to) {
        List<EventHour> windows = new ArrayList<>();
        for (EventHour window = windowOf(from); lastHour(window).compareTo(to) <= 0; window = next(window)) {
            windows.add(window);
        }
        return windows;
    }
}
