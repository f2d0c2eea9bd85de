package lens.broker;

import java.io.IOException;
import java.io.InputStream;

/**
 * Entry point of the child broker JVM. It runs {@code kafka.Kafka} and exits when its parent's pipe to
 * stdin closes, so a parent killed with SIGKILL never leaves an orphan broker holding ports and files.
 */
public final class BrokerMain {

    private BrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        Thread watchdog = new Thread(() -> {
            try (InputStream in = System.in) {
                while (in.read() >= 0) {
                    // the parent never writes; read() returns -1 once it is gone
                }
            } catch (IOException ignored) {
                // pipe broken: same as closed
            }
            Runtime.getRuntime().halt(0);
        }, "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        Class.forName("kafka.Kafka").getMethod("main", String[].class).invoke(null, (Object) args);
    }
}
