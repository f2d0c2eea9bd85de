package lens.batch.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that starts at {@code start} and runs {@code factor} times faster than the wall clock. */
public final class AcceleratedClock extends Clock {

    private final Instant start;
    private final long realStartNanos = System.nanoTime();
    private final long factor;

    public AcceleratedClock(Instant start, long factor) {
        this.start = start;
        this.factor = factor;
    }

    @Override
    public Instant instant() {
        return start.plus(Duration.ofNanos((System.nanoTime() - realStartNanos) * factor));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
