package lens.ingest.compaction;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import lens.events.EventHour;
import lens.events.LakeLayout;
import lens.events.Topic;
import lens.ingest.lake.Lake;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingester's own compaction (opt-in, {@code lens.ingest.compaction.auto=true}): every {@code interval}, one
 * background thread runs {@link HourCompactor} over each topic's manifested hours, which skips hours younger than
 * {@code min-age}, takes each hour's manifest lock and is safe beside the ingester and other compactions. An hour
 * whose manifest has not changed since a sweep found nothing (more) to do is not opened again.
 */
public final class AutoCompactor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AutoCompactor.class);

    private final Lake lake;
    private final HourCompactor compactor;
    private final List<Topic> topics;
    private final Duration interval;
    /** Hours left as they are, with their manifest's modification time then. */
    private final Map<String, Long> settled = new HashMap<>();
    private final Object lifecycle = new Object();
    private ScheduledExecutorService scheduler;

    public AutoCompactor(Lake lake, HourCompactor compactor, List<Topic> topics, Duration interval) {
        this.lake = lake;
        this.compactor = compactor;
        this.topics = List.copyOf(topics);
        this.interval = interval;
    }

    public void start() {
        synchronized (lifecycle) {
            if (scheduler != null) {
                return;
            }
            scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "lens-ingest-compactor");
                thread.setDaemon(true);
                return thread;
            });
            scheduler.scheduleWithFixedDelay(this::sweepQuietly, interval.toMillis(), interval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /** One sweep over every topic; returns what happened to each hour it opened. */
    public synchronized List<HourCompactor.HourResult> sweep() throws IOException {
        List<HourCompactor.HourResult> results = new ArrayList<>();
        for (Topic topic : topics) {
            for (EventHour hour : compactor.hours(topic, null, null)) {
                Path manifest = new Path(lake.hourDir(topic, hour), LakeLayout.MANIFEST);
                String key = topic.topicName() + "/" + hour.id();
                long modified = modificationTime(manifest);
                if (modified < 0 || Long.valueOf(modified).equals(settled.get(key))) {
                    continue;
                }
                HourCompactor.HourResult result = compactor.compact(topic, hour);
                results.add(result);
                if (result.outcome() == HourCompactor.Outcome.NOTHING_TO_DO) {
                    settled.put(key, modified);
                } else if (result.outcome() == HourCompactor.Outcome.COMPACTED) {
                    log.info("compacted {} {}: {} files -> {}, {} rows", topic.topicName(), hour, result.filesBefore(),
                            result.filesAfter(), result.rows());
                }
            }
        }
        return results;
    }

    private void sweepQuietly() {
        try {
            sweep();
        } catch (IOException | RuntimeException e) {
            // the next sweep retries; a compaction interrupted at any step is finished by the next run
            log.warn("compaction sweep failed: {}", e.toString());
        }
    }

    private long modificationTime(Path path) throws IOException {
        try {
            return lake.fs().getFileStatus(path).getModificationTime();
        } catch (FileNotFoundException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        ScheduledExecutorService running;
        synchronized (lifecycle) {
            running = scheduler;
            scheduler = null;
        }
        if (running != null) {
            // an interrupted compaction is like a crashed one: the next run (or `lens compact`) finishes it
            running.shutdownNow();
            try {
                running.awaitTermination(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
