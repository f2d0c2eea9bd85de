package lens.ingest.lake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestLockTest {

    @TempDir
    java.nio.file.Path dir;

    private Lake lake() {
        return Lake.open(dir.toString(), Map.of());
    }

    private ManifestLock lock(Lake lake, String holder, Duration lease) {
        return new ManifestLock(lake, holder, lease, Clock.systemUTC());
    }

    private void age(Duration by) throws Exception {
        java.nio.file.Path file = dir.resolve("hour").resolve(ManifestLock.FILE);
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() - by.toMillis()));
    }

    @Test
    void givenAHeldLock_thenOthersCannotTakeIt_untilItIsReleased() throws Exception {
        Lake lake = lake();
        Path hour = lake.path("hour");
        ManifestLock first = lock(lake, "first", Duration.ofMinutes(1));
        ManifestLock second = lock(lake, "second", Duration.ofMinutes(1));

        ManifestLock.Held held = first.tryAcquire(hour).orElseThrow();
        assertThat(second.tryAcquire(hour)).isEmpty();
        assertThat(second.holder(hour)).contains("first");
        assertThat(held.isHeld()).isTrue();
        held.close();

        assertThat(second.tryAcquire(hour)).isPresent();
    }

    @Test
    void givenALockOlderThanItsHoldersLease_thenItIsBroken_whateverTheBreakersOwnLease() throws Exception {
        Lake lake = lake();
        Path hour = lake.path("hour");
        ManifestLock.Held crashedIngester = lock(lake, "ingester", Duration.ofMinutes(1)).tryAcquire(hour).orElseThrow();
        ManifestLock compactor = lock(lake, "compactor", Duration.ofMinutes(10));

        age(Duration.ofSeconds(30));
        assertThat(compactor.tryAcquire(hour)).isEmpty();
        age(Duration.ofMinutes(2));
        ManifestLock.Held taken = compactor.tryAcquire(hour).orElseThrow();

        assertThat(crashedIngester.isHeld()).isFalse();
        crashedIngester.close();
        assertThat(taken.isHeld()).isTrue();
    }

    @Test
    void givenALongLeaseThatIsRefreshed_thenItIsNotBroken() throws Exception {
        Lake lake = lake();
        Path hour = lake.path("hour");
        ManifestLock.Held compaction = lock(lake, "compactor", Duration.ofMinutes(10)).tryAcquire(hour).orElseThrow();
        ManifestLock ingester = lock(lake, "ingester", Duration.ofMinutes(1));

        age(Duration.ofMinutes(5));
        assertThat(ingester.tryAcquire(hour)).isEmpty();
        age(Duration.ofMinutes(11));
        compaction.refresh();

        assertThat(ingester.tryAcquire(hour)).isEmpty();
        assertThat(compaction.isHeld()).isTrue();
    }
}
