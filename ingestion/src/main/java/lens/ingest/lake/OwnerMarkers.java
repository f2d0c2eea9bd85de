package lens.ingest.lake;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;
import lens.events.EventJson;
import lens.events.Topic;
import org.apache.hadoop.fs.Path;

/**
 * Who owns a partition, as far as the lake knows: the instance and consumer-group generation that were
 * last assigned it ({@code _state/owners/topic=<t>/partition=<p>.json}). An instance checks its marker
 * before every publish, so a revoked or fenced (zombie) instance cannot land a file after the new owner
 * has claimed the partition and recovered its position.
 */
public final class OwnerMarkers {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Owner(String instance, String claim, int generation, String claimedAt) {
    }

    private final Lake lake;
    private final String instanceId;

    public OwnerMarkers(Lake lake, String instanceId) {
        this.lake = lake;
        this.instanceId = instanceId;
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
        Owner owner = new Owner(instanceId, token, generation, Instant.now().toString());
        lake.writeAtomically(marker(topic, partition), EventJson.mapper().writeValueAsBytes(owner), instanceId);
        return token;
    }

    /** Whether the partition's latest claim is still the one this instance made with {@code token}. */
    public boolean isOwner(Topic topic, int partition, String token) throws IOException {
        return lake.readIfExists(marker(topic, partition))
                .map(bytes -> {
                    try {
                        return EventJson.mapper().readValue(bytes, Owner.class);
                    } catch (IOException e) {
                        return null;
                    }
                })
                .map(owner -> owner.instance().equals(instanceId) && token.equals(owner.claim()))
                .orElse(false);
    }
}
