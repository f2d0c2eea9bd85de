package lens.ingest.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for what a running ingester does in its own threads. */
public final class Await {

    private Await() {
    }

    /** Returns once {@code condition} holds; fails the test if it does not within {@code timeout}. */
    public static void until(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (!condition.getAsBoolean()) {
            assertThat(System.currentTimeMillis()).as("condition not met in " + timeout).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
