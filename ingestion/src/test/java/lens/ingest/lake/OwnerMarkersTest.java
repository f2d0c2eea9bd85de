package lens.ingest.lake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import lens.events.Topic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerMarkersTest {

    @TempDir
    Path dir;

    @Test
    void givenAPartitionClaimedByAnotherInstanceAfterUs_thenWeAreNoLongerItsOwner_butOurOtherPartitionsStayOurs()
            throws Exception {
        Lake lake = Lake.open(dir.toString(), Map.of());
        OwnerMarkers first = markers(lake, "instance-a", "group");
        OwnerMarkers second = markers(lake, "instance-b", "group");
        String claim = first.claim(Topic.USER_INTERACTIONS, 0, 3);
        String other = first.claim(Topic.USER_INTERACTIONS, 1, 3);
        assertThat(first.isOwner(Topic.USER_INTERACTIONS, 0, claim)).isTrue();

        second.claim(Topic.USER_INTERACTIONS, 0, 4);

        assertThat(first.isOwner(Topic.USER_INTERACTIONS, 0, claim)).isFalse();
        assertThat(first.isOwner(Topic.USER_INTERACTIONS, 1, other)).isTrue();
    }

    @Test
    void givenTheSameInstanceReassignedLater_thenItsOlderClaimIsStale() throws Exception {
        Lake lake = Lake.open(dir.toString(), Map.of());
        OwnerMarkers markers = markers(lake, "instance-a", "group");
        String old = markers.claim(Topic.MODEL_METRICS, 0, 1);
        String current = markers.claim(Topic.MODEL_METRICS, 0, 2);
        assertThat(markers.isOwner(Topic.MODEL_METRICS, 0, old)).isFalse();
        assertThat(markers.isOwner(Topic.MODEL_METRICS, 0, current)).isTrue();
    }

    @Test
    void givenAClaimByAnotherMemberInANewerGeneration_thenItIsNewerForUs_butNotForAnOlderMemberOrAnotherGroup()
            throws Exception {
        // given instance b claimed partition 0 in generation 7
        Lake lake = Lake.open(dir.toString(), Map.of());
        markers(lake, "instance-b", "group").claim(Topic.USER_INTERACTIONS, 0, 7);

        // then a member still in generation 6 (it missed the rebalance) finds a newer claim
        assertThat(markers(lake, "instance-a", "group").newerClaim(Topic.USER_INTERACTIONS, 0, 6))
                .hasValueSatisfying(owner -> assertThat(owner.instance()).isEqualTo("instance-b"));
        // and a member of generation 8 (it was assigned the partition since), or of 7, does not
        assertThat(markers(lake, "instance-a", "group").newerClaim(Topic.USER_INTERACTIONS, 0, 8)).isEmpty();
        assertThat(markers(lake, "instance-a", "group").newerClaim(Topic.USER_INTERACTIONS, 0, 7)).isEmpty();
        // nor does b itself, a member of another group (generations are per group), or another partition
        assertThat(markers(lake, "instance-b", "group").newerClaim(Topic.USER_INTERACTIONS, 0, 1)).isEmpty();
        assertThat(markers(lake, "instance-a", "other-group").newerClaim(Topic.USER_INTERACTIONS, 0, 1)).isEmpty();
        assertThat(markers(lake, "instance-a", "group").newerClaim(Topic.USER_INTERACTIONS, 1, 1)).isEmpty();
    }

    @Test
    void givenANewerGenerationsClaimOlderThanTheTrustWindow_thenItNoLongerKeepsAnOlderGenerationOut() throws Exception {
        // given a claim in generation 40, then the group deleted and started again from generation 1
        Lake lake = Lake.open(dir.toString(), Map.of());
        Instant claimedAt = Instant.parse("2026-12-04T08:00:00Z");
        new OwnerMarkers(lake, "instance-b", "group", Clock.fixed(claimedAt, ZoneOffset.UTC))
                .claim(Topic.MODEL_METRICS, 0, 40);

        // when a member of generation 1 asks within the window and after it
        Instant within = claimedAt.plus(OwnerMarkers.NEWER_CLAIM_TRUSTED_FOR).minusSeconds(1);
        Instant after = claimedAt.plus(OwnerMarkers.NEWER_CLAIM_TRUSTED_FOR).plusSeconds(1);

        // then only the first finds it newer
        assertThat(new OwnerMarkers(lake, "instance-a", "group", Clock.fixed(within, ZoneOffset.UTC))
                .newerClaim(Topic.MODEL_METRICS, 0, 1)).isPresent();
        assertThat(new OwnerMarkers(lake, "instance-a", "group", Clock.fixed(after, ZoneOffset.UTC))
                .newerClaim(Topic.MODEL_METRICS, 0, 1)).isEmpty();
    }

    private static OwnerMarkers markers(Lake lake, String instance, String group) {
        return new OwnerMarkers(lake, instance, group, Clock.systemUTC());
    }
}
