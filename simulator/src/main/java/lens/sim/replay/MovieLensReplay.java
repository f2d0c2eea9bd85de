package lens.sim.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import lens.events.EventHour;
import lens.events.EventJson;
import lens.events.EventValidator;
import lens.events.Topic;
import lens.events.UserInteraction;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes a MovieLens folder to {@code user-interactions} as rate events with the dataset's own timestamps
 * (optionally shifted as a whole so the last rating falls into a chosen hour), keyed by user like every LENS
 * interaction. Lines that are not ratings are skipped and reported with their line number and reason; publishing
 * failures fail the replay after the producer has flushed.
 */
public final class MovieLensReplay {

    /** How many bad lines a report quotes. */
    public static final int QUOTED_BAD_LINES = 10;

    /** What a replay did. */
    public record Result(MovieLensFormat format, long published, long skipped, List<String> badLines,
                         long firstTimestamp, long lastTimestamp, long shiftMillis) {
    }

    private final Producer<String, byte[]> producer;

    public MovieLensReplay(Producer<String, byte[]> producer) {
        this.producer = producer;
    }

    /**
     * @param dir      a folder with {@code u.data} or {@code ratings.csv}
     * @param rebaseTo when set, every timestamp moves by the same amount so that the last rating falls into this
     *                 hour (relative times are kept)
     * @param limit    publish at most this many ratings (0: all)
     */
    public Result replay(Path dir, EventHour rebaseTo, long limit, Consumer<String> progress) {
        MovieLensFormat format = MovieLensFormat.detect(dir).orElseThrow(() -> new IllegalArgumentException(
                "no MovieLens ratings in " + dir + ": expected u.data (100K) or ratings.csv (ml-latest, 20M...)"));
        Path file = dir.resolve(format.fileName());
        long[] span = timeSpan(file, format);
        long shift = rebaseTo == null ? 0 : rebaseTo.startMillis() - EventHour.of(span[1]).startMillis();
        if (span[0] + shift < EventValidator.EARLIEST.toEpochMilli()) {
            // every such event would be dead-lettered by the ingester: refuse before publishing anything
            throw new IllegalArgumentException("the ratings start at " + java.time.Instant.ofEpochMilli(span[0] + shift)
                    + ", before the earliest event time the LENS contract accepts (" + EventValidator.EARLIEST
                    + "); replay with --rebase-to <hour> to shift them (relative times are kept)");
        }
        AtomicLong acknowledged = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<String> bad = new ArrayList<>();
        long published = 0;
        long skipped = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            long number = 0;
            while ((line = reader.readLine()) != null && (limit <= 0 || published < limit)) {
                number++;
                if ((number == 1 && format.hasHeader()) || line.isBlank()) {
                    continue;
                }
                MovieLensRating rating;
                try {
                    rating = format.parse(line);
                } catch (IllegalArgumentException e) {
                    skipped++;
                    if (bad.size() < QUOTED_BAD_LINES) {
                        bad.add(file.getFileName() + ":" + number + ": " + e.getMessage());
                    }
                    continue;
                }
                UserInteraction event = rating.toEvent(shift);
                first = Math.min(first, event.timestamp());
                last = Math.max(last, event.timestamp());
                producer.send(new ProducerRecord<>(Topic.USER_INTERACTIONS.topicName(), null, event.timestamp(),
                        event.key(), EventJson.encode(event)), (metadata, error) -> {
                            if (error != null) {
                                failure.compareAndSet(null, error);
                            } else {
                                acknowledged.incrementAndGet();
                            }
                        });
                published++;
                if (published % 100_000 == 0 && progress != null) {
                    progress.accept("published " + published + " ratings");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException("publishing failed after " + acknowledged.get() + " of " + published
                    + " ratings were acknowledged: " + failure.get().getMessage(), failure.get());
        }
        return new Result(format, published, skipped, bad, published == 0 ? 0 : first, published == 0 ? 0 : last,
                shift);
    }

    /** The first and last rating time of the file (a pass before publishing, so a rebase is known up front). */
    private static long[] timeSpan(Path file, MovieLensFormat format) {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            boolean header = format.hasHeader();
            while ((line = reader.readLine()) != null) {
                if (header) {
                    header = false;
                    continue;
                }
                try {
                    long timestamp = format.parse(line).timestampMillis();
                    first = Math.min(first, timestamp);
                    last = Math.max(last, timestamp);
                } catch (IllegalArgumentException ignored) {
                    // reported by the replay pass itself
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (last == Long.MIN_VALUE) {
            throw new IllegalArgumentException(file + " holds no rating");
        }
        return new long[] {first, last};
    }
}
