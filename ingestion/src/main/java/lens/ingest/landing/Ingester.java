package lens.ingest.landing;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import lens.events.EventHour;
import lens.events.LakeLayout;
import lens.events.Topic;
import lens.events.Validation;
import lens.ingest.IngestProperties;
import lens.ingest.IngestionStatus;
import lens.ingest.lake.Lake;
import lens.ingest.lake.LakeScanner;
import lens.ingest.lake.ManifestLock;
import lens.ingest.lake.ManifestWriter;
import lens.ingest.lake.OwnerMarkers;
import lens.ingest.lake.PartitionHistory;
import lens.ingest.lake.ProgressStore;
import lens.ingest.lake.QuarantineWriter;
import lens.ingest.offsets.LogEnds;
import lens.ingest.offsets.ResumePoint;
import lens.ingest.ops.IngestMetrics;
import lens.ingest.parquet.EventFileWriter;
import lens.ingest.parquet.FileFooter;
import lens.ingest.parquet.LandedRow;
import lens.ingest.progress.HourCompleteness;
import lens.ingest.progress.PartitionWatermark;
import lens.ingest.rotation.RotationPolicy;
import lens.ingest.validation.FastPathValidator;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.event.ListenerContainerIdleEvent;
import org.springframework.kafka.event.ListenerContainerPartitionIdleEvent;
import org.springframework.kafka.listener.BatchConsumerAwareMessageListener;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;

/**
 * Lands one consumer's Kafka records into the lake exactly once. Runs entirely on that consumer's thread: batches,
 * rebalance callbacks and idle events all arrive there ({@link IngesterPerConsumer}), so partition state needs no
 * locks. Only the Parquet work runs elsewhere ({@link EncoderPool}): encoding routed rows, and closing a published
 * file (last row group, footer, hsync); the rename that lands it is back on this thread.
 *
 * <p>The protocol: valid records go to one open file per (partition, event hour); a file is published by
 * hsync + rename, with the partition's resume offset in its footer; offsets are committed only after (a file
 * still closing holds the committed offset back). On
 * assignment the position and the already-landed offsets come from the lake (see {@link LakeScanner}), and a
 * replay skips what is there. Bad records go to the DLT and, per batch, to a quarantine file.
 */
public class Ingester implements BatchConsumerAwareMessageListener<byte[], byte[]>, ConsumerAwareRebalanceListener {

    /** A ListOffsets answer waits at most behind a long-poll fetch ({@code fetch.max.wait.ms}, 500 ms by default). */
    private static final Duration LOG_END_TIMEOUT = Duration.ofSeconds(2);
    private static final Logger log = LoggerFactory.getLogger(Ingester.class);
    private static final int PARALLEL_VALIDATION_THRESHOLD = 256;

    private final IngestProperties props;
    private final Lake lake;
    private final LakeScanner scanner;
    private final ProgressStore progress;
    private final OwnerMarkers owners;
    private final ManifestWriter manifests;
    private final QuarantineWriter quarantine;
    private final DeadLetterPublisher deadLetters;
    private final FastPathValidator validator;
    private final EncoderPool encoders;
    private final RotationPolicy rotation;
    private final IngestionStatus status;
    private final IngestMetrics metrics;
    private final Clock clock;
    private final String instanceId;

    private final Map<TopicPartition, PartitionLander> landers = new ConcurrentHashMap<>();
    private final Map<Topic, Set<EventHour>> pendingManifests = new ConcurrentHashMap<>();
    /** Partitions left to a newer generation's claim, with that generation (so each is logged once). */
    private final Map<TopicPartition, Integer> leftToNewerClaims = new ConcurrentHashMap<>();
    private final Map<Topic, Long> knownTopicWatermarks = new ConcurrentHashMap<>();
    private final AtomicLong openSequence = new AtomicLong();
    private long lastManifestSweepMillis;
    private int consecutiveFailures;
    private int failedRecoveryRetries;
    private long nextRecoveryRetryAtMillis;

    /**
     * @param instanceId this ingester's name in owner markers, temp files and progress: one per consumer, so two
     *                   consumers of one process fence each other like two processes do
     */
    public Ingester(IngestProperties props, String instanceId, Lake lake, DeadLetterPublisher deadLetters,
                    FastPathValidator validator, EncoderPool encoders, IngestionStatus status, IngestMetrics metrics,
                    Clock clock) {
        this.props = props;
        this.lake = lake;
        this.instanceId = instanceId;
        this.scanner = new LakeScanner(lake);
        this.progress = new ProgressStore(lake, instanceId);
        this.owners = new OwnerMarkers(lake, instanceId, props.groupId(), clock);
        this.manifests = new ManifestWriter(lake, instanceId);
        this.quarantine = new QuarantineWriter(lake, instanceId);
        this.deadLetters = deadLetters;
        this.validator = validator;
        this.encoders = encoders;
        this.rotation = new RotationPolicy(props.maxRowsPerFile(), props.maxFileSize().toBytes(),
                props.maxFileAge().toMillis());
        this.status = status;
        this.metrics = metrics;
        this.clock = clock;
    }

    public int openFiles() {
        return landers.values().stream().mapToInt(l -> l.open.size() + l.closing.size()).sum();
    }

    // ---------------------------------------------------------------- batches

    @Override
    public void onMessage(List<ConsumerRecord<byte[], byte[]>> records, Consumer<?, ?> consumer) {
        try {
            handleBatch(records, consumer);
            consecutiveFailures = 0;
        } catch (Exception e) {
            recoverFromFailure(consumer, e);
        }
    }

    private void handleBatch(List<ConsumerRecord<byte[], byte[]>> records, Consumer<?, ?> consumer) throws IOException {
        List<PartitionLander> touched = new ArrayList<>();
        for (Map.Entry<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> entry : byPartition(records).entrySet()) {
            PartitionLander lander = landers.get(entry.getKey());
            if (lander == null) {
                // not recovered yet (the lake was unreachable at assignment, or we were fenced): recover, re-read
                if (consumer.assignment().contains(entry.getKey())) {
                    recover(consumer, List.of(entry.getKey()));
                }
                continue;
            }
            List<ConsumerRecord<byte[], byte[]>> partitionRecords = entry.getValue();
            List<Validation> validations = validateAll(lander.topic, partitionRecords);
            lander.lastRecordAtMillis = clock.millis();
            metrics.consumed(lander.topic, partitionRecords.size());
            for (int i = 0; i < partitionRecords.size(); i++) {
                handleRecord(lander, partitionRecords.get(i), validations.get(i));
            }
            touched.add(lander);
        }
        // the batch's rows are encoded on the encoder threads (files in parallel) while this thread goes on
        for (PartitionLander lander : touched) {
            for (OpenHourFile file : lander.open.values()) {
                file.encodePending(encoders);
            }
        }
        finishBatch(touched, consumer);
    }

    /**
     * The batch's records per partition. A poll returns each partition's records together, so a partition's run is
     * a view of the list, found without hashing every record.
     */
    private static Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> byPartition(
            List<ConsumerRecord<byte[], byte[]>> records) {
        Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> byPartition = new LinkedHashMap<>();
        int start = 0;
        for (int i = 1; i <= records.size(); i++) {
            ConsumerRecord<byte[], byte[]> first = records.get(start);
            if (i == records.size() || records.get(i).partition() != first.partition()
                    || !records.get(i).topic().equals(first.topic())) {
                TopicPartition tp = new TopicPartition(first.topic(), first.partition());
                List<ConsumerRecord<byte[], byte[]>> run = records.subList(start, i);
                // a partition seen again later in the batch (not how a poll orders them, but allowed) keeps order
                byPartition.merge(tp, run, (earlier, later) -> {
                    List<ConsumerRecord<byte[], byte[]>> both = new ArrayList<>(earlier);
                    both.addAll(later);
                    return both;
                });
                start = i;
            }
        }
        return byPartition;
    }

    /**
     * Validation is pure and thread-safe: with one consumer thread, big batches use every core; with several, each
     * validates its own. Writing stays in offset order.
     */
    private List<Validation> validateAll(Topic topic, List<ConsumerRecord<byte[], byte[]>> records) {
        long now = validator.now(); // one clock read per batch, not per event
        if (records.size() < PARALLEL_VALIDATION_THRESHOLD || props.consumers() > 1) {
            return records.stream().map(r -> validator.validate(topic, r.value(), now)).toList();
        }
        return records.parallelStream().map(r -> validator.validate(topic, r.value(), now)).toList();
    }

    private void handleRecord(PartitionLander lander, ConsumerRecord<byte[], byte[]> record, Validation validation)
            throws IOException {
        long offset = record.offset();
        if (validation instanceof Validation.Valid valid) {
            EventHour hour = lander.hourOf(valid.timestamp());
            // quarantined before (its timestamp was then too far ahead of the clock): in the quarantine and the DLT
            // already, so not landed too
            if (lander.replay.alreadyLanded(hour, offset) || lander.replay.alreadyQuarantined(offset)) {
                metrics.replaySkipped(lander.topic);
            } else {
                OpenHourFile file = lander.open.get(hour);
                if (file != null && rotation.isFull(file.rows(), file.dataSize())) {
                    publish(lander, file);
                    file = null;
                }
                if (file == null) {
                    file = openFile(lander, hour, offset);
                }
                file.append(new LandedRow(valid.values(), valid.extrasJson(), lander.partition(), offset),
                        valid.timestamp(), record.value().length);
                lander.watermark.observe(valid.timestamp());
            }
        } else if (validation instanceof Validation.Invalid invalid) {
            if (invalid.eventTime() >= 0 && lander.replay.alreadyLanded(EventHour.of(invalid.eventTime()), offset)) {
                // landed when judged valid (by a clock further ahead, or a larger max-future-skew): not a dead letter
                metrics.replaySkipped(lander.topic);
            } else if (!lander.replay.alreadyQuarantined(offset)) {
                BadRecord bad = new BadRecord(lander.topic, lander.partition(), offset, record.timestamp(), record.key(),
                        record.value(), invalid.reason(), invalid.detail());
                lander.pendingBad.add(bad);
                deadLetters.send(bad);
            }
        }
        lander.nextOffset = offset + 1;
    }

    private void finishBatch(Collection<PartitionLander> touched, Consumer<?, ?> consumer) throws IOException {
        deadLetters.awaitSent();
        Set<Topic> advanced = new HashSet<>();
        for (PartitionLander lander : touched) {
            if (!landers.containsKey(lander.topicPartition)) {
                continue; // fenced while publishing
            }
            quarantinePending(lander);
            long now = clock.millis();
            for (OpenHourFile file : List.copyOf(lander.open.values())) {
                if (lander.watermark.hasPassed(file.hour(), props.grace())
                        || rotation.isTooOld(file.openedAtMillis(), now)) {
                    publish(lander, file);
                }
            }
            if (landClosedAndReport(lander)) {
                advanced.add(lander.topic);
            }
        }
        // files closed meanwhile on partitions this batch did not touch are landed too
        advanced.addAll(landClosedFiles());
        commit(consumer, landers.values(), false);
        Set<Topic> topics = touchedTopics(touched);
        topics.addAll(advanced);
        for (Topic topic : topics) {
            if (advanced.contains(topic) || hasPendingPassedHour(topic)) {
                writeCompleteManifests(topic, consumer);
            }
        }
        updateLag(consumer);
    }

    /**
     * Renames into place the files whose close has finished, on every partition, and reports the progress that frees.
     * Called after each batch and at each idle check: a file closed after the last batch of a burst would otherwise
     * wait for the next record or for {@code idle-timeout}, and with it its partition's progress and the hour's
     * manifest. Returns the topics whose progress advanced.
     */
    private Set<Topic> landClosedFiles() throws IOException {
        Set<Topic> advanced = new HashSet<>();
        for (PartitionLander lander : List.copyOf(landers.values())) {
            if (!lander.closing.isEmpty() && landClosedAndReport(lander)) {
                advanced.add(lander.topic);
            }
        }
        return advanced;
    }

    /**
     * Renames the partition's files whose close is done and, unless one still closing holds records that came before
     * its hour passed, reports the partition's progress. Whether the progress advanced.
     */
    private boolean landClosedAndReport(PartitionLander lander) throws IOException {
        renameClosed(lander, false); // throws if the partition was claimed by another instance meanwhile
        return !closingOfOnTimeRecords(lander) && reportProgressIfAdvanced(lander);
    }

    /**
     * Whether a file with records of a passed hour that were not late is still closing. The report then waits for a
     * later batch (see {@link PartitionWatermark#holdsBackReport}).
     */
    private boolean closingOfOnTimeRecords(PartitionLander lander) {
        for (OpenHourFile file : lander.closing) {
            if (lander.watermark.holdsBackReport(file.hour(), file.openedAfterHourPassed(), props.grace())) {
                return true;
            }
        }
        return false;
    }

    private void quarantinePending(PartitionLander lander) throws IOException {
        if (lander.pendingBad.isEmpty()) {
            return;
        }
        ensureStillOwner(lander);
        BadRecord first = lander.pendingBad.get(0);
        EventHour arrival = first.kafkaTimestamp() >= 0 ? EventHour.of(first.kafkaTimestamp()) : EventHour.of(clock.millis());
        quarantine.write(arrival, List.copyOf(lander.pendingBad));
        for (BadRecord bad : lander.pendingBad) {
            status.addDeadLettered(lander.topic, 1);
            metrics.deadLettered(lander.topic, bad.reason());
        }
        lander.pendingBad.clear();
        lander.commitNeeded = true;
    }

    // ---------------------------------------------------------------- files

    private OpenHourFile openFile(PartitionLander lander, EventHour hour, long firstOffset) throws IOException {
        while (RotationPolicy.mustEvictBeforeOpening(openFiles(), props.maxOpenWriters())) {
            makeRoomForAWriter();
        }
        Path dir = lake.hourDir(lander.topic, hour);
        Path temp = new Path(dir, "." + lander.topic.topicName() + "+" + lander.partition() + "+" + firstOffset + "."
                + instanceId + "." + UUID.randomUUID() + ".tmp");
        EventFileWriter writer = new EventFileWriter(lake.fs(), temp, lander.topic, lake.conf(),
                props.rowGroupSize().toBytes());
        OpenHourFile file = new OpenHourFile(hour, temp, writer, firstOffset, openSequence.incrementAndGet(),
                clock.millis(), lander.watermark.hasPassed(hour, props.grace()));
        lander.open.put(hour, file);
        return file;
    }

    /**
     * Makes room for one more writer, so memory stays bounded however many hours are open. A published file holds its
     * buffers until it is renamed, so it still counts: files already closing are landed first (waited for, when none
     * is done yet), and only when none is closing is the longest-open file published, which the next call then lands.
     * Publishing more than that one would split hours that are still being written.
     */
    private void makeRoomForAWriter() throws IOException {
        for (PartitionLander lander : List.copyOf(landers.values())) {
            renameClosed(lander, false);
        }
        if (!RotationPolicy.mustEvictBeforeOpening(openFiles(), props.maxOpenWriters())) {
            return;
        }
        if (landers.values().stream().anyMatch(lander -> !lander.closing.isEmpty())) {
            for (PartitionLander lander : List.copyOf(landers.values())) {
                renameClosed(lander, true);
            }
            return;
        }
        PartitionLander oldestLander = null;
        OpenHourFile oldest = null;
        for (PartitionLander lander : landers.values()) {
            for (OpenHourFile file : lander.open.values()) {
                if (oldest == null || file.openedSequence() < oldest.openedSequence()) {
                    oldest = file;
                    oldestLander = lander;
                }
            }
        }
        if (oldest != null) {
            publish(oldestLander, oldest);
        }
    }

    /**
     * Starts publishing: the file's footer is fixed now, and the encoder threads write its last row group and footer
     * and hsync it, while this thread goes on polling. {@link #renameClosed} later checks ownership and renames it
     * into place. Until then it still holds the partition's resume offset back, so no commit passes over it.
     */
    private void publish(PartitionLander lander, OpenHourFile file) {
        long resume = lander.resumeOffsetWithout(file);
        FileFooter footer = new FileFooter(lander.topic.topicName(), lander.partition(), file.firstOffset(),
                file.lastOffset(), file.minTimestamp(), file.maxTimestamp(), lander.topic.schema().version(),
                file.rows(), resume, instanceId);
        lander.open.remove(file.hour());
        file.closeAsync(encoders, footer);
        lander.closing.addLast(file);
    }

    /**
     * Renames into place, in the order they were published, the files whose close (hsync) is done; with
     * {@code wait}, all of them. A file renamed is landed: it no longer holds the resume offset back.
     */
    private void renameClosed(PartitionLander lander, boolean wait) throws IOException {
        while (!lander.closing.isEmpty() && (wait || lander.closing.peekFirst().isClosed())) {
            OpenHourFile file = lander.closing.removeFirst();
            FileFooter footer;
            try {
                footer = file.awaitClosed();
            } catch (IOException | RuntimeException e) {
                file.writer().close();
                lake.delete(file.temp());
                throw e;
            }
            if (!owners.isOwner(lander.topic, lander.partition(), lander.claimToken)) {
                lake.delete(file.temp());
                ensureStillOwner(lander);
            }
            String name = LakeLayout.dataFileName(lander.topic, lander.partition(), file.firstOffset(),
                    file.lastOffset());
            Path target = new Path(lake.hourDir(lander.topic, file.hour()), name);
            long bytes = lake.fs().getFileStatus(file.temp()).getLen();
            try {
                lake.publish(file.temp(), target);
            } catch (Lake.FileAlreadyPublishedException e) {
                // cannot happen while the replay filter holds; the existing file has the same offsets
                log.warn("{} was already landed; kept the existing file", target);
                continue;
            }
            manifests.remember(name, footer);
            pendingManifests.computeIfAbsent(lander.topic, t -> ConcurrentHashMap.newKeySet()).add(file.hour());
            lander.commitNeeded = true;
            status.addLanded(lander.topic, file.rows());
            metrics.landed(lander.topic, file.rows(), bytes);
        }
    }

    private void ensureStillOwner(PartitionLander lander) throws IOException {
        if (!owners.isOwner(lander.topic, lander.partition(), lander.claimToken)) {
            log.warn("{} was claimed by another instance; dropping its unpublished files", lander.topicPartition);
            abort(lander);
            landers.remove(lander.topicPartition);
            throw new PartitionFencedException(lander.topicPartition);
        }
    }

    private void abort(PartitionLander lander) {
        List<OpenHourFile> unpublished = new ArrayList<>(lander.open.values());
        unpublished.addAll(lander.closing);
        for (OpenHourFile file : unpublished) {
            file.awaitEncoderQuietly();
            file.writer().close();
            try {
                lake.delete(file.temp());
            } catch (IOException e) {
                log.warn("could not delete {}: {} (cleaned at the next assignment)", file.temp(), e.toString());
            }
        }
        lander.open.clear();
        lander.closing.clear();
        lander.pendingBad.clear();
    }

    private void publishAll(PartitionLander lander) throws IOException {
        quarantinePending(lander);
        for (OpenHourFile file : List.copyOf(lander.open.values())) {
            publish(lander, file);
        }
        renameClosed(lander, true);
    }

    // ---------------------------------------------------------------- offsets, progress, manifests

    /**
     * Commits the resume offsets of the partitions that landed something. While consuming the commit is sent without
     * waiting (the lake is the truth, and Kafka keeps one consumer's commits in order); a revoked partition's is
     * waited for, so its next owner starts from it. A failed commit is sent again at the next batch or idle flush.
     */
    private void commit(Consumer<?, ?> consumer, Collection<PartitionLander> partitions, boolean wait) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (PartitionLander lander : partitions) {
            if (lander.commitNeeded && landers.containsKey(lander.topicPartition)) {
                offsets.put(lander.topicPartition, new OffsetAndMetadata(lander.resumeOffset()));
            }
        }
        if (offsets.isEmpty()) {
            return;
        }
        offsets.keySet().forEach(tp -> landers.get(tp).commitNeeded = false);
        try {
            if (wait) {
                consumer.commitSync(offsets, Duration.ofSeconds(30));
            } else {
                consumer.commitAsync(offsets, (committed, failure) -> {
                    if (failure != null) {
                        commitFailed(offsets.keySet(), failure);
                    }
                });
            }
        } catch (RuntimeException e) {
            commitFailed(offsets.keySet(), e);
        }
    }

    /** The lake is the truth: a failed commit only means a longer replay, which the filter makes harmless. */
    private void commitFailed(Collection<TopicPartition> partitions, Exception failure) {
        log.warn("offset commit failed ({}); the lake keeps the position", failure.toString());
        for (TopicPartition tp : partitions) {
            PartitionLander lander = landers.get(tp);
            if (lander != null) {
                lander.commitNeeded = true;
            }
        }
    }

    /** Tells other instances (through the lake) that this partition passed another hour. */
    private boolean reportProgressIfAdvanced(PartitionLander lander) throws IOException {
        EventHour passed = lander.watermark.lastPassedHour(props.grace());
        if (passed == null || passed.equals(lander.reportedPassedHour)) {
            return false;
        }
        progress.write(lander.topic, lander.partition(), lander.watermark.millis());
        lander.reportedPassedHour = passed;
        return true;
    }

    private boolean hasPendingPassedHour(Topic topic) {
        Set<EventHour> pending = pendingManifests.get(topic);
        long watermark = knownTopicWatermarks.getOrDefault(topic, PartitionWatermark.NONE);
        return pending != null && pending.stream().anyMatch(h -> PartitionWatermark.passed(watermark, h, props.grace()));
    }

    private void writeCompleteManifests(Topic topic, Consumer<?, ?> consumer) throws IOException {
        Set<EventHour> pending = pendingManifests.get(topic);
        if (pending == null || pending.isEmpty()) {
            return;
        }
        Map<Integer, Long> watermarks = progress.readAll(topic);
        int partitions = partitionCount(topic, consumer);
        knownTopicWatermarks.put(topic, HourCompleteness.topicWatermark(watermarks, partitions));
        Set<EventHour> closing = closingHours(topic);
        for (EventHour hour : HourCompleteness.completeHours(pending, watermarks, partitions, props.grace())) {
            if (closing.contains(hour)) {
                continue; // a file of the hour is still closing: the manifest waits for it (one revision, not two)
            }
            Optional<ManifestWriter.Written> written;
            try {
                written = manifests.writeIfChanged(topic, hour, watermarks);
            } catch (ManifestLock.BusyException e) {
                // a compaction (or another instance) is changing this manifest: the hour stays pending
                log.debug("{}; retrying later", e.getMessage());
                continue;
            }
            pending.remove(hour);
            written.ifPresent(w -> {
                log.info("manifested {} {} revision {}: {} rows in {} files{}", topic.topicName(), hour,
                        w.manifest().revision(), w.manifest().rows(), w.manifest().files().size(),
                        w.newLateRows() > 0 ? ", " + w.newLateRows() + " late" : "");
                if (w.newLateRows() > 0) {
                    status.addLate(topic, w.newLateRows());
                    metrics.late(topic, w.newLateRows());
                }
            });
        }
    }

    /** The hours of this topic with a file still closing here. */
    private Set<EventHour> closingHours(Topic topic) {
        Set<EventHour> hours = new HashSet<>();
        for (PartitionLander lander : landers.values()) {
            if (lander.topic == topic) {
                lander.closing.forEach(file -> hours.add(file.hour()));
            }
        }
        return hours;
    }

    /**
     * The topic's partition count in the consumer's metadata: a local lookup, refreshed every
     * {@code lens.ingest.metadata-max-age}, so partitions added to the topic are waited for from then on (cached for
     * the process, they were not counted until a restart and their hours completed without them).
     */
    private static int partitionCount(Topic topic, Consumer<?, ?> consumer) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic.topicName(), Duration.ofSeconds(30));
        return infos == null ? 0 : infos.size();
    }

    private static Set<Topic> touchedTopics(Collection<PartitionLander> landers) {
        Set<Topic> topics = new LinkedHashSet<>();
        landers.forEach(l -> topics.add(l.topic));
        return topics;
    }

    /**
     * This consumer's lag per topic, from the last fetches. A topic none of whose partitions it holds reports 0; one
     * with a partition not fetched yet is not reported this time (its last report stays).
     */
    private void updateLag(Consumer<?, ?> consumer) {
        Map<Topic, Long> lag = new HashMap<>();
        props.lensTopics().forEach(topic -> lag.put(topic, 0L));
        Set<Topic> unknown = new HashSet<>();
        for (TopicPartition tp : landers.keySet()) {
            Topic topic = Topic.named(tp.topic());
            OptionalLong partitionLag = consumer.currentLag(tp);
            if (partitionLag.isPresent()) {
                lag.merge(topic, partitionLag.getAsLong(), Long::sum);
            } else {
                unknown.add(topic);
            }
        }
        lag.forEach((topic, records) -> {
            if (!unknown.contains(topic)) {
                metrics.lag(instanceId, topic, records);
            }
        });
    }

    // ---------------------------------------------------------------- idleness

    /** A partition with nothing new: if it is caught up and has been idle long enough, flush it. */
    public void onPartitionIdle(ListenerContainerPartitionIdleEvent event) {
        Consumer<?, ?> consumer = event.getConsumer();
        try {
            PartitionLander lander = landers.get(event.getTopicPartition());
            if (lander != null) {
                flushIdle(List.of(lander), consumer);
            } else {
                recoverUnrecovered(consumer); // other partitions' traffic keeps the container from ever being idle
            }
        } catch (Exception e) {
            recoverFromFailure(consumer, e);
        }
    }

    /** Nothing arrived on any partition: flush idle ones, complete hours, and report whether we are quiescent. */
    public void onContainerIdle(ListenerContainerIdleEvent event) {
        Consumer<?, ?> consumer = event.getConsumer();
        long checkStartedAt = clock.millis();
        try {
            recoverUnrecovered(consumer);
            landClosedFiles();
            commit(consumer, landers.values(), false);
            flushIdle(List.copyOf(landers.values()), consumer);
            for (Topic topic : props.lensTopics()) {
                writeCompleteManifests(topic, consumer);
            }
            updateLag(consumer);
            if (consumer.assignment().isEmpty()) {
                status.reportUnassigned(instanceId);
            } else {
                status.reportQuiescence(instanceId, checkStartedAt, isQuiescent(consumer));
            }
        } catch (Exception e) {
            status.reportQuiescence(instanceId, checkStartedAt, false);
            recoverFromFailure(consumer, e);
        }
    }

    /**
     * Assigned partitions whose recovery failed (the lake was unreachable at assignment, or when their records came):
     * tried again while idle. Records of a partition trigger its recovery too, but one with no new record would
     * otherwise have no watermark to report (holding back the topic's manifests) and would never re-read the records
     * it skipped unrecovered. A failure here leaves the recovered partitions alone; it is tried again next time.
     */
    private void recoverUnrecovered(Consumer<?, ?> consumer) {
        long now = clock.millis();
        if (now < nextRecoveryRetryAtMillis) {
            return;
        }
        List<TopicPartition> unrecovered = consumer.assignment().stream().filter(tp -> !landers.containsKey(tp)).toList();
        if (unrecovered.isEmpty()) {
            return;
        }
        try {
            recover(consumer, unrecovered);
            failedRecoveryRetries = 0;
            nextRecoveryRetryAtMillis = 0;
        } catch (Exception e) {
            // a scan of the lake per idle check while it is down would only keep the consumer thread busy
            failedRecoveryRetries++;
            nextRecoveryRetryAtMillis = now + backoffMillis(failedRecoveryRetries, 10_000L);
            log.warn("could not recover {} from the lake yet: {}", unrecovered, e.toString());
        }
    }

    /**
     * Partitions with no record for {@code idle-timeout} whose last fetch found them at the end of their log publish
     * their files at once: the lag a fetch carries costs nothing, and a file flushed on a lag that grew meanwhile is
     * only a smaller file. Their watermarks move to wall-clock time (which may complete hours) only on the broker's
     * word, asked once for all of them: a stale lag must never complete an hour.
     */
    private void flushIdle(Collection<PartitionLander> candidates, Consumer<?, ?> consumer) throws IOException {
        long now = clock.millis();
        List<PartitionLander> idle = new ArrayList<>();
        for (PartitionLander lander : candidates) {
            if (now - lander.lastRecordAtMillis >= props.idleTimeout().toMillis() && caughtUpAsFetched(lander, consumer)) {
                idle.add(lander);
            }
        }
        if (idle.isEmpty()) {
            return;
        }
        for (PartitionLander lander : idle) {
            publishAll(lander);
        }
        commit(consumer, idle, false);
        Map<TopicPartition, Long> ends = endOffsets(consumer, idle.stream().map(l -> l.topicPartition).toList());
        for (PartitionLander lander : idle) {
            if (!caughtUp(lander, consumer, ends)) {
                continue;
            }
            lander.watermark.advanceWhileIdle(now);
            if (reportProgressIfAdvanced(lander) || hasPendingPassedHour(lander.topic)) {
                writeCompleteManifests(lander.topic, consumer);
            }
        }
    }

    /** Whether the last fetch found the partition at the end of its log; not known before a fetch answered. */
    private static boolean caughtUpAsFetched(PartitionLander lander, Consumer<?, ?> consumer) {
        OptionalLong lag = consumer.currentLag(lander.topicPartition);
        return lag.isPresent() && lag.getAsLong() <= 0;
    }

    /** Whether the partition's position has reached its log end in {@code ends} (not when the end is unknown). */
    private static boolean caughtUp(PartitionLander lander, Consumer<?, ?> consumer, Map<TopicPartition, Long> ends) {
        Long end = ends.get(lander.topicPartition);
        if (end == null) {
            return false;
        }
        try {
            return consumer.position(lander.topicPartition, LOG_END_TIMEOUT) >= end;
        } catch (TimeoutException slow) {
            return false; // no position yet: asked again at the next idle check
        }
    }

    /** Quiescence is a promise to callers that all they published has landed: it asks the broker for the log ends. */
    private boolean isQuiescent(Consumer<?, ?> consumer) {
        if (openFiles() > 0) {
            return false;
        }
        Map<TopicPartition, Long> ends = endOffsets(consumer, consumer.assignment());
        for (TopicPartition tp : consumer.assignment()) {
            PartitionLander lander = landers.get(tp);
            if (lander == null || !caughtUp(lander, consumer, ends)) {
                return false;
            }
        }
        for (Topic topic : props.lensTopics()) {
            if (hasPendingPassedHour(topic)) {
                return false;
            }
        }
        return true;
    }

    private static Map<TopicPartition, Long> endOffsets(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        return LogEnds.askOrNone(consumer, partitions, LOG_END_TIMEOUT);
    }

    // ---------------------------------------------------------------- rebalances and recovery

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        try {
            recover(consumer, partitions);
        } catch (Exception e) {
            // records of these partitions will trigger another recovery before anything is landed
            log.error("could not recover {} from the lake: {}", partitions, e.toString(), e);
        }
    }

    /** Position, replay filter and watermark come from the lake; the partition is claimed and its temp files cleaned. */
    private void recover(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) throws IOException {
        if (partitions.isEmpty()) {
            return;
        }
        int generation = consumer.groupMetadata().generationId();
        Map<Topic, List<Integer>> byTopic = new LinkedHashMap<>();
        partitions.forEach(tp -> byTopic.computeIfAbsent(Topic.named(tp.topic()), t -> new ArrayList<>()).add(tp.partition()));
        for (Map.Entry<Topic, List<Integer>> entry : byTopic.entrySet()) {
            Topic topic = entry.getKey();
            // just before the claims, and before asking the broker for commits: a partition left to a newer claim
            // needs neither
            entry.setValue(claimable(topic, entry.getValue(), generation));
            if (entry.getValue().isEmpty()) {
                continue;
            }
            Set<TopicPartition> claimed = new HashSet<>();
            entry.getValue().forEach(partition -> claimed.add(new TopicPartition(topic.topicName(), partition)));
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(claimed, Duration.ofSeconds(30));
            Map<Integer, Long> committedOffsets = new HashMap<>();
            if (committed != null) {
                committed.forEach((tp, offset) -> {
                    if (offset != null) {
                        committedOffsets.put(tp.partition(), offset.offset());
                    }
                });
            }
            int stateTemps = owners.deleteOrphanedTemps(topic, entry.getValue())
                    + progress.deleteOrphanedTemps(topic, entry.getValue());
            if (stateTemps > 0) {
                log.info("{}: {} orphaned state temp files cleaned", topic.topicName(), stateTemps);
            }
            // claimed before the lake is scanned: a previous owner that has not yet heard it lost the partition
            // checks the claim before each rename, so past this point it can land at most the file it is renaming
            // (see "Not done"), instead of any file for as long as the scan takes
            Map<Integer, String> tokens = new HashMap<>();
            for (int partition : entry.getValue()) {
                PartitionLander previous = landers.remove(new TopicPartition(topic.topicName(), partition));
                if (previous != null) {
                    abort(previous);
                }
                tokens.put(partition, owners.claim(topic, partition, generation));
            }
            LakeScanner.TopicScan scan = scanner.scan(topic, entry.getValue(), committedOffsets);
            for (int partition : entry.getValue()) {
                TopicPartition tp = new TopicPartition(topic.topicName(), partition);
                PartitionHistory history = scan.partitions().getOrDefault(partition, PartitionHistory.empty());
                for (Path temp : history.tempFiles()) {
                    lake.delete(temp);
                }
                String token = tokens.get(partition);
                long commit = committedOffsets.getOrDefault(partition, -1L);
                long position = ResumePoint.seekPosition(history.resumeOffset(), commit);
                consumer.seek(tp, position);
                long watermark = progress.read(topic, partition).orElse(PartitionWatermark.NONE);
                PartitionWatermark mark = new PartitionWatermark(watermark);
                landers.put(tp, new PartitionLander(tp, topic, token, position, history.replayFilterFrom(position), mark,
                        mark.lastPassedHour(props.grace()), clock.millis()));
                log.info("{} recovered: position {} (lake {}, committed {}), {} temp files cleaned", tp, position,
                        history.resumeOffset(), commit < 0 ? "none" : commit, history.tempFiles().size());
            }
            pendingManifests.computeIfAbsent(topic, t -> ConcurrentHashMap.newKeySet()).addAll(scan.hoursNeedingManifest());
        }
    }

    /** Still ours during this callback: publish what is open, so the next owner starts where we stopped. */
    @Override
    public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        List<PartitionLander> revoked = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            PartitionLander lander = landers.get(tp);
            if (lander == null) {
                continue;
            }
            try {
                publishAll(lander);
                reportProgressIfAdvanced(lander);
                revoked.add(lander);
            } catch (Exception e) {
                log.warn("could not publish {} on revocation ({}); its open files are dropped and re-read by the next owner",
                        tp, e.toString());
                abort(lander);
            }
        }
        commit(consumer, revoked, true);
        partitions.forEach(tp -> {
            PartitionLander lander = landers.remove(tp);
            if (lander != null) {
                abort(lander);
            }
        });
        updateLag(consumer); // what moved away no longer counts in this consumer's lag
    }

    /** Lost, not revoked: another instance may already own them, so nothing may be published. */
    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            PartitionLander lander = landers.remove(tp);
            if (lander != null) {
                abort(lander);
            }
        }
        updateLag(consumer);
    }

    /**
     * The partitions this consumer may claim: not those another member claimed in a newer generation (this consumer
     * missed a rebalance and lists them only until its next poll). Their files, if any, are dropped here.
     */
    private List<Integer> claimable(Topic topic, List<Integer> partitions, int generation) throws IOException {
        List<Integer> claimable = new ArrayList<>();
        for (int partition : partitions) {
            Optional<OwnerMarkers.Owner> newer = owners.newerClaim(topic, partition, generation);
            if (newer.isEmpty()) {
                claimable.add(partition);
                continue;
            }
            PartitionLander previous = landers.remove(new TopicPartition(topic.topicName(), partition));
            if (previous != null) {
                abort(previous);
            }
            // asked again at every idle check and batch until the next poll brings the rebalance: said once
            if (!Integer.valueOf(newer.get().generation()).equals(leftToNewerClaims.put(
                    new TopicPartition(topic.topicName(), partition), newer.get().generation()))) {
                log.warn("{}-{} was claimed by {} in generation {}, newer than ours ({}): we missed a rebalance and "
                        + "leave it alone until the group tells us", topic.topicName(), partition,
                        newer.get().instance(), newer.get().generation(), generation);
            }
        }
        return claimable;
    }

    /**
     * Any failure (lake or DLT unreachable, fenced partition, disk full): drop everything unpublished and start
     * again from what the lake holds, after a growing pause. The consumer thread never dies on bad luck.
     */
    private void recoverFromFailure(Consumer<?, ?> consumer, Exception failure) {
        consecutiveFailures++;
        if (failure instanceof PartitionFencedException) {
            log.warn("{}", failure.getMessage());
        } else {
            log.error("ingestion failed ({} in a row); re-reading from the lake's position", consecutiveFailures, failure);
        }
        deadLetters.discard();
        for (PartitionLander lander : landers.values()) {
            abort(lander);
        }
        landers.clear();
        if (!(failure instanceof PartitionFencedException)) {
            sleepQuietly(backoffMillis(consecutiveFailures, 30_000L));
        }
        try {
            recover(consumer, consumer.assignment());
        } catch (Exception e) {
            log.error("recovery failed; will retry when records arrive", e);
        }
    }

    /** Half a second, doubling with every failure in a row, up to {@code maxMillis}. */
    private static long backoffMillis(int failures, long maxMillis) {
        return Math.min(maxMillis, 500L * (1L << Math.min(failures, 16)));
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Another instance claimed the partition since we were assigned it. */
    static final class PartitionFencedException extends IOException {
        PartitionFencedException(TopicPartition tp) {
            super(tp + " is now owned by another ingester instance");
        }
    }
}
