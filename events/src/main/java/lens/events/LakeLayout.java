package lens.events;

/**
 * Where everything lives in the lake, as paths relative to the lake root (a local path or an
 * {@code hdfs://}/{@code s3a://} URI; join with '/').
 *
 * <pre>
 * events/topic=&lt;topic&gt;/date=YYYY-MM-DD/hour=HH/&lt;topic&gt;+&lt;partition&gt;+&lt;firstOffset&gt;+&lt;lastOffset&gt;.parquet
 * events/topic=&lt;topic&gt;/date=YYYY-MM-DD/hour=HH/_MANIFEST.json      (hour complete; downstream waits for it)
 * quarantine/topic=&lt;topic&gt;/date=YYYY-MM-DD/hour=HH/...               (dead letters, by arrival hour)
 * results/&lt;folder&gt;/window=YYYY-MM-DDTHH/...                           (Spark job outputs and summary.json)
 * </pre>
 * A job's results folder is its name, except for the serving metrics: {@value #SERVING_METRICS_JOB} writes
 * {@code results/}{@value #METRICS_RESULTS} and its daily roll-up {@code results/}{@value #METRICS_DAILY_RESULTS}
 * (see {@link #resultsFolder}).
 * Files and folders starting with '_' or '.' are invisible to Spark, Hive and DuckDB readers.
 */
public final class LakeLayout {

    public static final String EVENTS = "events";
    public static final String QUARANTINE = "quarantine";
    public static final String RESULTS = "results";
    public static final String MANIFEST = "_MANIFEST.json";
    public static final String SUMMARY = "summary.json";

    /** The hourly serving-metrics job, whose results are the pipeline's {@code results/metrics}. */
    public static final String SERVING_METRICS_JOB = "serving-metrics";
    public static final String SERVING_METRICS_DAILY_JOB = "serving-metrics-daily";
    public static final String METRICS_RESULTS = "metrics";
    public static final String METRICS_DAILY_RESULTS = "metrics-daily";

    /**
     * Columns every event file has after the topic's own fields (in {@link TopicSchema#fields()} order):
     * unknown extra properties as a JSON object string, and the Kafka coordinates of the record.
     * Types: STRING as UTF-8 binary, LONG int64 (timestamp is epoch millis, not a timestamp type), INT int32,
     * DOUBLE, BOOLEAN, LONG_LIST a 3-level LIST of int64, DOUBLE_MAP a MAP of string to double; all optional.
     */
    public static final String COLUMN_EXTRAS = "extras";
    public static final String COLUMN_KAFKA_PARTITION = "kafka_partition";
    public static final String COLUMN_KAFKA_OFFSET = "kafka_offset";
    /** Hive partition columns as readers see them: {@code date} (a date) and {@code hour} (an int). */
    public static final String COLUMN_DATE = "date";
    public static final String COLUMN_HOUR = "hour";

    private LakeLayout() {
    }

    public static String topicDir(Topic topic) {
        return EVENTS + "/topic=" + topic.topicName();
    }

    public static String hourDir(Topic topic, EventHour hour) {
        return topicDir(topic) + "/" + hour.partitionPath();
    }

    public static String manifest(Topic topic, EventHour hour) {
        return hourDir(topic, hour) + "/" + MANIFEST;
    }

    /** Deterministic: a replay of the same offsets gives the same name, never a second copy. */
    public static String dataFileName(Topic topic, int partition, long firstOffset, long lastOffset) {
        return String.format("%s+%d+%020d+%020d.parquet", topic.topicName(), partition, firstOffset, lastOffset);
    }

    public static String quarantineDir(Topic topic, EventHour arrivalHour) {
        return QUARANTINE + "/topic=" + topic.topicName() + "/" + arrivalHour.partitionPath();
    }

    /**
     * The folder under {@code results/} that holds a job's outputs. Job names stay what schedules, runs and
     * {@code model-metrics} keys know; only the serving metrics' folder is named after what it holds.
     */
    public static String resultsFolder(String job) {
        return switch (job) {
            case SERVING_METRICS_JOB -> METRICS_RESULTS;
            case SERVING_METRICS_DAILY_JOB -> METRICS_DAILY_RESULTS;
            default -> job;
        };
    }

    public static String resultsDir(String job, EventHour window) {
        return RESULTS + "/" + resultsFolder(job) + "/window=" + window.id();
    }

    public static String summary(String job, EventHour window) {
        return resultsDir(job, window) + "/" + SUMMARY;
    }
}
