package lens.ingest.compaction;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code lens.compact.*}: how complete hours are compacted ({@link HourCompactor}, {@code lens compact}).
 *
 * @param targetFileSize a partition's consecutive files of an hour are merged into files of about this size
 * @param minFiles       merge only when at least this many files would become one (fewer are not worth a rewrite)
 * @param minAge         leave hours whose manifest changed less than this long ago: jobs may still be reading
 *                       their files, and late data is likeliest then
 * @param rowGroupSize   Parquet row group of merged files: the memory the merge buffers
 * @param lockStaleAfter a manifest lock not refreshed for this long belongs to a crashed process and is broken
 */
@ConfigurationProperties("lens.compact")
public record CompactionProperties(
        @DefaultValue(DEFAULT_TARGET_FILE_SIZE) DataSize targetFileSize,
        @DefaultValue(DEFAULT_MIN_FILES) int minFiles,
        @DefaultValue(DEFAULT_MIN_AGE) Duration minAge,
        @DefaultValue("32MB") DataSize rowGroupSize,
        @DefaultValue("10m") Duration lockStaleAfter) {

    public static final String DEFAULT_TARGET_FILE_SIZE = "128MB";
    public static final String DEFAULT_MIN_FILES = "4";
    public static final String DEFAULT_MIN_AGE = "1h";

    public CompactionProperties {
        require(targetFileSize.toBytes() >= 1, "lens.compact.target-file-size must be positive");
        require(minFiles >= 2, "lens.compact.min-files must be at least 2");
        require(!minAge.isNegative(), "lens.compact.min-age must not be negative");
        require(rowGroupSize.toBytes() >= 64 * 1024, "lens.compact.row-group-size must be at least 64KB");
        require(lockStaleAfter.toMillis() >= 1000, "lens.compact.lock-stale-after must be at least 1s");
    }

    public static CompactionProperties defaults() {
        return new CompactionProperties(DataSize.parse(DEFAULT_TARGET_FILE_SIZE), Integer.parseInt(DEFAULT_MIN_FILES),
                Duration.ofHours(1), DataSize.ofMegabytes(32), Duration.ofMinutes(10));
    }

    public CompactionProperties with(DataSize targetFileSize, int minFiles, Duration minAge) {
        return new CompactionProperties(targetFileSize, minFiles, minAge, rowGroupSize, lockStaleAfter);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
