package lens.ingest.parquet;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Key-value metadata in every event file's footer: enough to recover the ingester's position and to
 * write a manifest without reading a single row.
 */
public record FileFooter(String topic, int partition, long firstOffset, long lastOffset, long minTimestamp,
                         long maxTimestamp, int schemaVersion, long rows, long resumeOffset, String writer) {

    public static final String TOPIC = "lens.topic";
    public static final String PARTITION = "lens.partition";
    public static final String FIRST_OFFSET = "lens.first.offset";
    public static final String LAST_OFFSET = "lens.last.offset";
    public static final String MIN_TIMESTAMP = "lens.min.event.time";
    public static final String MAX_TIMESTAMP = "lens.max.event.time";
    public static final String SCHEMA_VERSION = "lens.schema.version";
    public static final String ROW_COUNT = "lens.row.count";
    /** Lowest offset of the partition not yet durable in any file when this file was published. */
    public static final String RESUME_OFFSET = "lens.resume.offset";
    public static final String WRITER = "lens.writer";

    public Map<String, String> toMetadata() {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(TOPIC, topic);
        metadata.put(PARTITION, Integer.toString(partition));
        metadata.put(FIRST_OFFSET, Long.toString(firstOffset));
        metadata.put(LAST_OFFSET, Long.toString(lastOffset));
        metadata.put(MIN_TIMESTAMP, Long.toString(minTimestamp));
        metadata.put(MAX_TIMESTAMP, Long.toString(maxTimestamp));
        metadata.put(SCHEMA_VERSION, Integer.toString(schemaVersion));
        metadata.put(ROW_COUNT, Long.toString(rows));
        metadata.put(RESUME_OFFSET, Long.toString(resumeOffset));
        metadata.put(WRITER, writer);
        return metadata;
    }

    public static FileFooter fromMetadata(Map<String, String> metadata) {
        return new FileFooter(metadata.get(TOPIC),
                Integer.parseInt(required(metadata, PARTITION)),
                Long.parseLong(required(metadata, FIRST_OFFSET)),
                Long.parseLong(required(metadata, LAST_OFFSET)),
                Long.parseLong(required(metadata, MIN_TIMESTAMP)),
                Long.parseLong(required(metadata, MAX_TIMESTAMP)),
                Integer.parseInt(required(metadata, SCHEMA_VERSION)),
                Long.parseLong(required(metadata, ROW_COUNT)),
                Long.parseLong(required(metadata, RESUME_OFFSET)),
                metadata.getOrDefault(WRITER, ""));
    }

    private static String required(Map<String, String> metadata, String key) {
        String value = metadata.get(key);
        if (value == null) {
            throw new IllegalArgumentException("not a LENS event file: footer lacks " + key);
        }
        return value;
    }
}
