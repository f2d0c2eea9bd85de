package lens.ingest.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Development aid for the benchmark ({@code -Dlens.bench.sample=true}): where the named threads spend wall-clock
 * time, running or waiting, sampled every 2 ms by their innermost project or Kafka frames.
 */
final class WallClockSampler {

    private final Thread thread;
    private final Map<String, Integer> counts = new HashMap<>();
    private volatile boolean running = true;
    private int samples;

    private WallClockSampler(String threadPrefix) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        thread = new Thread(() -> {
            while (running) {
                for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds(), 40)) {
                    if (info != null && info.getThreadName().startsWith(threadPrefix)) {
                        synchronized (counts) {
                            counts.merge(signature(info), 1, Integer::sum);
                            samples++;
                        }
                    }
                }
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "wall-clock-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    static WallClockSampler startIf(boolean enabled, String threadPrefix) {
        return enabled ? new WallClockSampler(threadPrefix) : null;
    }

    private static String signature(ThreadInfo info) {
        StringBuilder key = new StringBuilder(info.getThreadState().name());
        int kept = 0;
        for (StackTraceElement frame : info.getStackTrace()) {
            String cls = frame.getClassName();
            if (kept < 5 && (cls.startsWith("lens.") || cls.startsWith("org.apache.kafka.clients")
                    || cls.startsWith("sun.nio.ch"))) {
                key.append(" < ").append(cls.substring(cls.lastIndexOf('.') + 1)).append('.').append(frame.getMethodName());
                kept++;
            }
        }
        return key.toString();
    }

    String stopAndReport(int top) {
        running = false;
        thread.interrupt();
        synchronized (counts) {
            return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .limit(top).map(e -> String.format("[bench]   %5.1f%% %s", 100.0 * e.getValue() / samples, e.getKey()))
                    .collect(Collectors.joining("\n", "[bench] where the consumer threads spend wall-clock time ("
                            + samples + " samples):\n", ""));
        }
    }
}
