package lens.ingest.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Development aid for the benchmark ({@code -Dlens.bench.sample=true}): where the ingester's threads spend wall-clock
 * time, sampled every 2 ms. Per thread group it prints the innermost project or Kafka frames of the commonest stacks
 * and, for every project, Kafka, Snappy and file-channel method, the share of samples it was on the stack
 * (inclusive), which reads as a breakdown: validate 20%, of which scanning keys 8%, and so on.
 */
final class WallClockSampler {

    private static final String[] GROUPS = {"ingestContainer", "lens-ingest-encoder"};
    /** Frames kept per stack in the commonest-stacks list ({@code -Dlens.bench.sample.depth}). */
    private static final int DEPTH = Integer.getInteger("lens.bench.sample.depth", 5);

    private final Thread thread;
    private final Map<String, Map<String, Integer>> stacks = new TreeMap<>();
    private final Map<String, Map<String, Integer>> inclusive = new TreeMap<>();
    private final Map<String, Integer> samples = new TreeMap<>();
    private volatile boolean running = true;

    private WallClockSampler() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        thread = new Thread(() -> {
            while (running) {
                for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds(), 120)) {
                    String group = info == null ? null : groupOf(info.getThreadName());
                    if (group != null) {
                        record(group, info);
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

    static WallClockSampler startIf(boolean enabled) {
        return enabled ? new WallClockSampler() : null;
    }

    private static String groupOf(String threadName) {
        for (String group : GROUPS) {
            if (threadName.startsWith(group)) {
                return group;
            }
        }
        return null;
    }

    private synchronized void record(String group, ThreadInfo info) {
        samples.merge(group, 1, Integer::sum);
        stacks.computeIfAbsent(group, g -> new HashMap<>()).merge(signature(info), 1, Integer::sum);
        Set<String> seen = new HashSet<>();
        for (StackTraceElement frame : info.getStackTrace()) {
            if (counted(frame.getClassName())) {
                seen.add(simpleName(frame));
            }
        }
        Map<String, Integer> groupInclusive = inclusive.computeIfAbsent(group, g -> new HashMap<>());
        seen.forEach(method -> groupInclusive.merge(method, 1, Integer::sum));
    }

    private static boolean counted(String cls) {
        return cls.startsWith("lens.") || cls.startsWith("org.apache.kafka.clients") || cls.startsWith("org.xerial")
                || cls.startsWith("sun.nio.ch.FileChannelImpl") || cls.startsWith("sun.nio.ch.EPoll")
                || cls.startsWith("java.util.concurrent.locks.LockSupport");
    }

    private static String simpleName(StackTraceElement frame) {
        String cls = frame.getClassName();
        return cls.substring(cls.lastIndexOf('.') + 1) + "." + frame.getMethodName();
    }

    private static String signature(ThreadInfo info) {
        StringBuilder key = new StringBuilder(info.getThreadState().name());
        int kept = 0;
        for (StackTraceElement frame : info.getStackTrace()) {
            if (kept < DEPTH && counted(frame.getClassName())) {
                key.append(" < ").append(simpleName(frame));
                kept++;
            }
        }
        return key.toString();
    }

    synchronized String stopAndReport(int top) {
        running = false;
        thread.interrupt();
        StringBuilder out = new StringBuilder();
        samples.forEach((group, total) -> {
            out.append(String.format(Locale.ROOT, "[bench] %s threads, %d samples; commonest stacks:%n", group, total));
            out.append(topOf(stacks.get(group), total, top));
            out.append(String.format(Locale.ROOT, "[bench] %s threads, methods on the stack (inclusive):%n", group));
            out.append(topOf(inclusive.get(group), total, 3 * top));
        });
        return out.toString().stripTrailing();
    }

    private static String topOf(Map<String, Integer> counts, int total, int top) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .map(e -> String.format(Locale.ROOT, "[bench]   %5.1f%% %s%n", 100.0 * e.getValue() / total, e.getKey()))
                .collect(Collectors.joining());
    }
}
