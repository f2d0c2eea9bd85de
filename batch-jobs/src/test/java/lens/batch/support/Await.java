package lens.batch.support;

import java.util.function.BooleanSupplier;

/** Polls a condition the system under test reaches asynchronously (scheduler, recovery). */
public final class Await {

    private Await() {
    }

    public static void until(BooleanSupplier condition, long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("condition not met within " + timeoutMillis / 1000 + " s");
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
    }
}
