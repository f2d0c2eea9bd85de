package lens.ingest.rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RotationPolicyTest {

    private final RotationPolicy policy = new RotationPolicy(1000, 64 * 1024 * 1024, 60_000);

    @Test
    void givenAFileBelowBothLimits_thenItStaysOpen() {
        assertThat(policy.isFull(999, 1024)).isFalse();
    }

    @Test
    void givenAFileAtTheRowLimitOrTheSizeLimit_thenItRotates() {
        assertThat(policy.isFull(1000, 1024)).isTrue();
        assertThat(policy.isFull(1, 64 * 1024 * 1024)).isTrue();
    }

    @Test
    void givenAFileOpenForTheMaximumAge_thenItIsPublishedHoweverSmall() {
        assertThat(policy.isTooOld(1_000, 60_999)).isFalse();
        assertThat(policy.isTooOld(1_000, 61_000)).isTrue();
    }

    @Test
    void givenTheWriterBudgetReached_thenOneMustBeClosedBeforeOpeningAnother() {
        assertThat(RotationPolicy.mustEvictBeforeOpening(31, 32)).isFalse();
        assertThat(RotationPolicy.mustEvictBeforeOpening(32, 32)).isTrue();
    }

    @Test
    void givenNonPositiveLimits_thenThePolicyIsRejected() {
        assertThatThrownBy(() -> new RotationPolicy(0, 10, 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
