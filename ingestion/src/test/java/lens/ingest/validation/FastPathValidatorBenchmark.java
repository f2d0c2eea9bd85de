package lens.ingest.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import lens.events.EventValidator;
import lens.events.Topic;
import lens.events.Validation;
import lens.ingest.support.TestEvents;
import org.junit.jupiter.api.Test;

/**
 * Not a test: a benchmark, skipped unless {@code -Dlens.bench.validator=true}. Validates typical user interactions
 * (as producers encode them) on one thread with the fast path before {@link JsonEventScanner} (Jackson's parser,
 * {@link JacksonFastPathBaseline}), with the current one (reading the clock per event, and once per batch as the
 * ingester does), and, on a tenth as many, with the canonical validator;
 * prints ns/event and allocated bytes/event. {@code -Dlens.bench.validator.events=N} sets how many (2,000,000).
 */
class FastPathValidatorBenchmark {

    /** Distinct payloads, cycled: enough to vary ids and times, few enough to stay in cache for both paths alike. */
    private static final int DISTINCT = 4096;
    private static final Duration SKEW = Duration.ofHours(1);
    private static final int MAX_PAYLOAD = 64 * 1024;

    @Test
    void benchmark() {
        assumeTrue(Boolean.getBoolean("lens.bench.validator"), "benchmark: run with -Dlens.bench.validator=true");
        int events = Integer.getInteger("lens.bench.validator.events", 2_000_000);
        Clock clock = Clock.systemUTC();
        long start = clock.millis() - 3_600_000L;
        byte[][] payloads = new byte[DISTINCT][];
        for (int i = 0; i < DISTINCT; i++) {
            payloads[i] = TestEvents.json(TestEvents.view("b-" + (1_000_000 + i), start + i, i % 10_007));
        }
        JacksonFastPathBaseline before = new JacksonFastPathBaseline(clock, SKEW, MAX_PAYLOAD);
        FastPathValidator after = new FastPathValidator(clock, SKEW, MAX_PAYLOAD);
        EventValidator canonical = new EventValidator(clock, SKEW, MAX_PAYLOAD);
        for (byte[] payload : payloads) { // both must take every event themselves, or this measures something else
            assertThat(before.tryFastPath(Topic.USER_INTERACTIONS, payload)).isNotNull();
            assertThat(after.tryFastPath(Topic.USER_INTERACTIONS, payload)).isNotNull();
        }
        System.out.printf("[bench] validator: %,d user interactions like %s%n", events,
                new String(payloads[0], StandardCharsets.UTF_8));
        for (int round = 0; round < 3; round++) { // round 0 warms the JIT up
            Measure jackson = measure(events, payloads, p -> before.tryFastPath(Topic.USER_INTERACTIONS, p));
            Measure scanner = measure(events, payloads, p -> after.tryFastPath(Topic.USER_INTERACTIONS, p));
            long[] batchNow = {0};
            int[] inBatch = {0};
            Measure batched = measure(events, payloads, p -> {
                if (inBatch[0]-- == 0) { // as the ingester validates a poll: one clock read per 2,000 events
                    inBatch[0] = 1_999;
                    batchNow[0] = after.now();
                }
                return after.tryFastPath(Topic.USER_INTERACTIONS, p, batchNow[0]);
            });
            Measure canonicalPath = measure(events / 10, payloads,
                    p -> (Validation.Valid) canonical.validate(Topic.USER_INTERACTIONS, p));
            if (round > 0) {
                System.out.printf("[bench] validator round %d: Jackson fast path %s, scanner fast path %s: %.1fx faster; "
                        + "the same with one clock read per 2,000 events %s; canonical %s%n", round, jackson, scanner,
                        jackson.nanos() / scanner.nanos(), batched, canonicalPath);
            }
        }
    }

    private record Measure(double nanos, double bytes) {
        @Override
        public String toString() {
            return String.format("%.0f ns/event (%.0f bytes/event)", nanos, bytes);
        }
    }

    private interface FastPath {
        Validation.Valid validate(byte[] payload);
    }

    private static Measure measure(int events, byte[][] payloads, FastPath path) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        long sink = 0; // keeps the results alive
        long bytes0 = threads.getThreadAllocatedBytes(thread);
        long t0 = System.nanoTime();
        for (int i = 0; i < events; i++) {
            Validation.Valid valid = path.validate(payloads[i & (DISTINCT - 1)]);
            sink += valid.timestamp() + valid.values().length;
        }
        long elapsed = System.nanoTime() - t0;
        long bytes = threads.getThreadAllocatedBytes(thread) - bytes0;
        if (sink == 42) {
            System.out.println("unlikely");
        }
        return new Measure(elapsed / (double) events, bytes / (double) events);
    }
}
