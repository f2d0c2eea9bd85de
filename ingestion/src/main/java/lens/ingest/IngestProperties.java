package lens.ingest;

import java.time.Duration;
import java.util.List;
import lens.events.Topic;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code lens.ingest.*}: how the ingester consumes, rotates and completes hours. Validated on start.
 *
 * @param groupId         consumer group shared by all ingester instances
 * @param topics          LENS topics to land (default: all five)
 * @param grace           how far a partition's event time must pass an hour's end before its files close
 *                        and, once every partition has, the hour is manifested
 * @param idleTimeout     a caught-up partition idle this long publishes its open files and its watermark
 *                        advances to wall-clock time
 * @param maxRowsPerFile  rotate a file at this many rows
 * @param maxFileSize     rotate a file at about this size
 * @param maxFileAge      publish a file this long after it was opened, however small: bounds the delay from
 *                        publish to durable file under steady traffic (idle partitions flush after idleTimeout)
 * @param rowGroupSize    Parquet row group: the memory one open file may buffer; also, times {@code consumers},
 *                        how many payload bytes the consumer threads may hand to the encoders ahead of them
 * @param maxOpenWriters  files open or still closing across all partitions; closing ones are landed first, then the
 *                        longest-open file is published to open another
 * @param maxPollRecords  records per poll (one batch)
 * @param partitionFetchSize bytes fetched from a partition per request: while catching up, fewer round trips to the
 *                        broker (Kafka's default, 1MB, left the consumer thread waiting on the network)
 * @param maxPayloadSize  bigger messages are dead-lettered as OVERSIZE_PAYLOAD
 * @param deadLetterMaxValueSize a bad message's value goes to the DLT cut to this size (header
 *                        {@code lens.dlt.value-truncated-from}; its quarantine file keeps it whole): a value near
 *                        Kafka's 1MB request limit plus the DLT headers would be refused by the producer, and the
 *                        consumer would retry that batch for ever
 * @param maxFutureSkew   events further in the future are dead-lettered as TIMESTAMP_OUT_OF_RANGE
 * @param sessionTimeout  consumer-group session timeout: how soon a crashed instance's partitions move to another
 *                        (or to its own restart); at least 6s, the broker's default minimum
 * @param heartbeatInterval how often a consumer tells the group it is alive, and so how soon it hears that the group
 *                        rebalances: a rebalance waits for every member to rejoin, and a member busy with a backlog
 *                        rejoins only at its next heartbeat (at a quarter of the session, 11 s, a second thread
 *                        joining stalled the partitions' landing that long); at most a third of the session
 * @param metadataMaxAge  how often the consumer re-reads the topics' metadata: partitions added to a topic are
 *                        consumed, and waited for when hours are judged complete, at most this long after (Kafka's
 *                        default is 5 min; a metadata request is small)
 * @param encoderThreads  threads encoding rows into Parquet, several files at once, off the consumer thread
 *                        (default: the number of cores, at most 4)
 * @param consumers       consumer threads of this process, each with its own partitions and instance id
 *                        ({@code <instance-id>-c<n>}); more than one pays when a topic has at least as many
 *                        partitions and one thread's polling and validation cannot keep up
 * @param instanceId      this instance's name in owner markers and temp files (default: host + pid)
 */
@ConfigurationProperties("lens.ingest")
public record IngestProperties(
        @DefaultValue("lens-ingester") String groupId,
        @DefaultValue({"user-interactions", "recommendation-requests", "recommendation-responses", "model-metrics",
                "ab-test-events"}) List<String> topics,
        @DefaultValue("5m") Duration grace,
        @DefaultValue("10s") Duration idleTimeout,
        @DefaultValue("1000000") long maxRowsPerFile,
        @DefaultValue("128MB") DataSize maxFileSize,
        @DefaultValue("5m") Duration maxFileAge,
        @DefaultValue("8MB") DataSize rowGroupSize,
        @DefaultValue("32") int maxOpenWriters,
        @DefaultValue("2000") int maxPollRecords,
        @DefaultValue("4MB") DataSize partitionFetchSize,
        @DefaultValue("64KB") DataSize maxPayloadSize,
        @DefaultValue("512KB") DataSize deadLetterMaxValueSize,
        @DefaultValue("1h") Duration maxFutureSkew,
        @DefaultValue("45s") Duration sessionTimeout,
        @DefaultValue("1s") Duration heartbeatInterval,
        @DefaultValue("1m") Duration metadataMaxAge,
        Integer encoderThreads,
        @DefaultValue("1") int consumers,
        String instanceId) {

    public IngestProperties {
        require(groupId != null && !groupId.isBlank(), "lens.ingest.group-id must not be blank");
        require(topics != null && !topics.isEmpty(), "lens.ingest.topics must name at least one topic");
        topics = List.copyOf(topics);
        topics.forEach(Topic::named);
        require(!grace.isNegative(), "lens.ingest.grace must not be negative");
        require(idleTimeout.toMillis() >= 100, "lens.ingest.idle-timeout must be at least 100ms");
        require(maxRowsPerFile >= 1, "lens.ingest.max-rows-per-file must be at least 1");
        require(maxFileSize.toBytes() >= 1024, "lens.ingest.max-file-size must be at least 1KB");
        require(maxFileAge.toMillis() >= 100, "lens.ingest.max-file-age must be at least 100ms");
        require(rowGroupSize.toBytes() >= 64 * 1024, "lens.ingest.row-group-size must be at least 64KB");
        require(maxOpenWriters >= 1, "lens.ingest.max-open-writers must be at least 1");
        require(maxPollRecords >= 1, "lens.ingest.max-poll-records must be at least 1");
        require(partitionFetchSize.toBytes() >= 64 * 1024 && partitionFetchSize.toBytes() <= Integer.MAX_VALUE,
                "lens.ingest.partition-fetch-size must be 64KB to 2GB");
        require(maxPayloadSize.toBytes() >= 1024, "lens.ingest.max-payload-size must be at least 1KB");
        require(deadLetterMaxValueSize.toBytes() >= 1024 && deadLetterMaxValueSize.toBytes() <= 1000 * 1024,
                "lens.ingest.dead-letter-max-value-size must be 1KB to 1000KB (under the producer's 1MB request limit)");
        require(!maxFutureSkew.isNegative(), "lens.ingest.max-future-skew must not be negative");
        require(sessionTimeout.toMillis() >= 6000, "lens.ingest.session-timeout must be at least 6s");
        require(heartbeatInterval.toMillis() >= 100 && heartbeatInterval.toMillis() * 3 <= sessionTimeout.toMillis(),
                "lens.ingest.heartbeat-interval must be at least 100ms and at most a third of the session timeout");
        require(metadataMaxAge.toMillis() >= 100, "lens.ingest.metadata-max-age must be at least 100ms");
        if (encoderThreads == null) {
            encoderThreads = Math.min(4, Runtime.getRuntime().availableProcessors());
        }
        require(encoderThreads >= 1 && encoderThreads <= 64, "lens.ingest.encoder-threads must be 1 to 64");
        require(consumers >= 1 && consumers <= 64, "lens.ingest.consumers must be 1 to 64");
        if (instanceId == null || instanceId.isBlank()) {
            instanceId = defaultInstanceId();
        }
        require(instanceId.matches("[A-Za-z0-9_.-]{1,64}"), "lens.ingest.instance-id must be letters, digits, . _ -");
    }

    public List<Topic> lensTopics() {
        return topics.stream().map(Topic::named).toList();
    }

    /** How often idle partitions are checked: often enough to honour the idle timeout closely. */
    public Duration idleCheckInterval() {
        Duration second = Duration.ofSeconds(1);
        return idleTimeout.compareTo(second) < 0 ? idleTimeout : second;
    }

    /**
     * How long a poll waits when no record comes. Idleness is checked between polls, so a partition that went idle
     * is noticed up to one poll timeout late: a quarter of the check interval keeps that small (a whole interval
     * made a 200 ms idle timeout fire after up to 400 ms). Records end a poll at once, so this costs only wake-ups
     * while idle.
     */
    public Duration pollTimeout() {
        return idleCheckInterval().dividedBy(4);
    }

    private static String defaultInstanceId() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "host";
        }
        String id = (host + "-" + ProcessHandle.current().pid()).replaceAll("[^A-Za-z0-9_.-]", "_");
        return id.length() > 64 ? id.substring(id.length() - 64) : id;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
