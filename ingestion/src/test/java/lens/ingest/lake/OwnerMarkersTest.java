package lens.ingest.lake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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
        OwnerMarkers first = new OwnerMarkers(lake, "instance-a");
        OwnerMarkers second = new OwnerMarkers(lake, "instance-b");
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
        OwnerMarkers markers = new OwnerMarkers(lake, "instance-a");
        String old = markers.claim(Topic.MODEL_METRICS, 0, 1);
        String current = markers.claim(Topic.MODEL_METRICS, 0, 2);
        assertThat(markers.isOwner(Topic.MODEL_METRICS, 0, old)).isFalse();
        assertThat(markers.isOwner(Topic.MODEL_METRICS, 0, current)).isTrue();
    }
}
