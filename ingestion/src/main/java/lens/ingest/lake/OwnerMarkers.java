package lens.ingest.lake;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;
import lens.events.EventJson;
import lens.events.Topic;
import org.apache.hadoop.fs.Path;

/**
 * Who owns a partition, as far as the lake knows: the instance and consumer-group generation that were
 * last assigned it ({@code _state/owners/topic=<t>/partition=<p>.json}). An instance checks its marker
 * before every publish, so a revoked or fenced (zombie) instance cannot land a file after the new owner
 * has claimed the partition and recovered its position. And a consumer does not claim back a partition another
 * member claimed in a newer generation of the group ({@link #newerClaim}): it missed a rebalance.
 */
public final class OwnerMarkers {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Owner(String instance, String claim, int generation, String claimedAt, String group) {
    }

    /**
     * How long a newer generation's claim is trusted over ours. A zombie re-claims within the batch it wakes up in, so
     * this covers pauses up to this long; it is bounded because generations restart when a group is deleted (after it
     * was left empty until its offsets expired, or by an operator), and a claim of the deleted group's must not keep
     * the new group's members out for longer.
     */
    static final Duration NEWER_CLAIM_TRUSTED_FOR = Duration.ofMinutes(5);

    private final Lake lake;
    private final String instanceId;
    private final String groupId;
    private final Clock clock;

    public OwnerMarkers(Lake lake, String instanceId, String groupId, Clock clock) {
        this.lake = lake;
        this.instanceId = instanceId;
        this.groupId = groupId;
        this.clock = clock;
    }

    private Path marker(Topic topic, int partition) {
        return lake.path(Lake.STATE + "/owners/topic=" + topic.topicName() + "/partition=" + partition + ".json");
    }

    /** Temps crashed previous owners of the partitions left; call only as their new owner, before claiming. */
    public int deleteOrphanedTemps(Topic topic, Collection<Integer> partitions) throws IOException {
        return lake.deleteOrphanedTemps(partitions.stream().map(partition -> marker(topic, partition)).toList());
    }

    /** Claims the partition; returns the claim's token, unique to this assignment. */
    public String claim(Topic topic, int partition, int generation) throws IOException {
        String token = UUID.randomUUID().toString();
        Owner owner = new Owner(instanceId, token, generation, clock.instant().toString(), groupId);
        lake.writeAtomically(marker(topic, partition), EventJson.mapper().writeValueAsBytes(owner), instanceId);
        return token;
    }

    /** Whether the partition's latest claim is still the one this instance made with {@code token}. */
    public boolean isOwner(Topic topic, int partition, String token) throws IOException {
        return current(topic, partition)
                .map(owner -> owner.instance().equals(instanceId) && token.equals(owner.claim()))
                .orElse(false);
    }

    /**
     * The partition's claim by another member of this group in a generation newer than {@code generation}, made in the
     * last {@link #NEWER_CLAIM_TRUSTED_FOR}: a consumer that finds one missed a rebalance (a long pause) and lists the
     * partition only until its next poll. Claiming it back would fence the rightful owner, which would claim it again:
     * work redone on both sides until the poll.
     */
    public Optional<Owner> newerClaim(Topic topic, int partition, int generation) throws IOException {
        return current(topic, partition).filter(owner -> !owner.instance().equals(instanceId)
                && groupId.equals(owner.group())
                && owner.generation() > generation
                && claimedWithin(owner, NEWER_CLAIM_TRUSTED_FOR));
    }

    private boolean claimedWithin(Owner owner, Duration window) {
        if (owner.claimedAt() == null) {
            return false;
        }
        try {
            return Instant.parse(owner.claimedAt()).isAfter(clock.instant().minus(window));
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** The partition's latest claim, if any (an unreadable marker is nobody's claim). */
    public Optional<Owner> current(Topic topic, int partition) throws IOException {
        return lake.readIfExists(marker(topic, partition)).map(bytes -> {
            try {
                return EventJson.mapper().readValue(bytes, Owner.class);
            } catch (IOException e) {
                return null; // unreadable: nobody's claim
            }
        });
    }
}
