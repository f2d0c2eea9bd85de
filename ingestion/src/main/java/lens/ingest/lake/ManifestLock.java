package lens.ingest.lake;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import lens.events.EventJson;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

/**
 * Serialises every change of one hour's {@code _MANIFEST.json}: the ingester's manifest writes (first manifest,
 * late files) and a compaction's swap. Without it, a writer that read the manifest before another's swap could
 * write back a stale file list (losing a late file, or listing files a compaction just deleted).
 *
 * <p>The lock is {@code <hour>/_MANIFEST.lock}, created exclusively; readers ignore it ('_'). It records its
 * holder's lease: the ingester's manifest writes take milliseconds and lease a minute, a compaction leases longer
 * and refreshes the lock's modification time as it goes. A lock not refreshed within its lease belongs to a
 * crashed process and is broken. A holder re-checks {@link Held#isHeld()} before its critical write, so a holder
 * that outlived its lease (and lost the lock) does not write.
 */
public final class ManifestLock {

    public static final String FILE = "_MANIFEST.lock";

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Holder(String holder, String token, String acquiredAt, long leaseMillis) {
    }

    private final Lake lake;
    private final String holderId;
    private final Duration lease;
    private final Clock clock;

    /** @param lease how long this holder may go without refreshing before others take it for crashed */
    public ManifestLock(Lake lake, String holderId, Duration lease, Clock clock) {
        this.lake = lake;
        this.holderId = holderId;
        this.lease = lease;
        this.clock = clock;
    }

    /** Takes the hour's lock if nobody (alive) holds it; empty when it is busy. */
    public Optional<Held> tryAcquire(Path hourDir) throws IOException {
        Path path = new Path(hourDir, FILE);
        String token = UUID.randomUUID().toString();
        byte[] content = EventJson.mapper().writeValueAsBytes(new Holder(holderId, token, clock.instant().toString(),
                lease.toMillis()));
        for (int attempt = 0; attempt < 2; attempt++) {
            if (lake.createExclusively(path, content)) {
                return Optional.of(new Held(path, token));
            }
            if (!breakIfStale(path)) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Who holds the hour's lock, for messages; empty when free or unreadable. */
    public Optional<String> holder(Path hourDir) throws IOException {
        return lake.readIfExists(new Path(hourDir, FILE)).flatMap(ManifestLock::parse).map(Holder::holder);
    }

    private boolean breakIfStale(Path path) throws IOException {
        FileStatus status;
        try {
            status = lake.fs().getFileStatus(path);
        } catch (java.io.FileNotFoundException e) {
            return true; // released meanwhile
        }
        // unreadable: its holder crashed while creating it; our own lease is then as good a bound as any
        long leaseMillis = lake.readIfExists(path).flatMap(ManifestLock::parse).map(Holder::leaseMillis)
                .filter(l -> l > 0).orElse(lease.toMillis());
        if (clock.millis() - status.getModificationTime() < leaseMillis) {
            return false;
        }
        lake.delete(path);
        return true;
    }

    private static Optional<Holder> parse(byte[] bytes) {
        try {
            return Optional.of(EventJson.mapper().readValue(bytes, Holder.class));
        } catch (IOException e) {
            return Optional.empty(); // a holder crashed while creating it: only its age matters
        }
    }

    /** A lock this process holds; closing releases it if it is still ours. */
    public final class Held implements AutoCloseable {
        private final Path path;
        private final String token;

        private Held(Path path, String token) {
            this.path = path;
            this.token = token;
        }

        /** Whether the lock file is still the one this holder created (not broken as stale by another). */
        public boolean isHeld() throws IOException {
            return lake.readIfExists(path).flatMap(ManifestLock::parse).map(h -> token.equals(h.token())).orElse(false);
        }

        /** Keeps a long holder from looking crashed. */
        public void refresh() throws IOException {
            lake.fs().setTimes(path, clock.millis(), -1);
        }

        @Override
        public void close() throws IOException {
            if (isHeld()) {
                lake.delete(path);
            }
        }
    }

    /** The hour's manifest is being changed by another writer (a compaction, or another ingester instance). */
    public static final class BusyException extends IOException {
        public BusyException(Path hourDir) {
            super("the manifest of " + hourDir + " is locked by another writer");
        }
    }
}
