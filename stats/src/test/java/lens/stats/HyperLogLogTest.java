package lens.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class HyperLogLogTest {

    private static HyperLogLog of(long from, long to) {
        HyperLogLog sketch = new HyperLogLog();
        for (long v = from; v < to; v++) {
            sketch.add(v);
        }
        return sketch;
    }

    @Test
    void givenFewUsers_whenEstimated_thenLinearCountingIsNearlyExact() {
        assertThat(of(0, 100).estimate()).isCloseTo(100, within(2.0));
        assertThat(new HyperLogLog().estimate()).isEqualTo(0.0);
    }

    @Test
    void givenManyUsersWithRepeats_whenEstimated_thenWithinThreeStandardErrors() {
        HyperLogLog sketch = of(0, 200_000);
        for (long v = 0; v < 50_000; v++) {
            sketch.add(v);
        }
        // standard error 1.04 / sqrt(4096) = 1.6 %; 3 sigma = 4.9 %
        assertThat(sketch.estimate()).isCloseTo(200_000, within(200_000 * 0.049));
    }

    @Test
    void givenTwoOverlappingHours_whenMerged_thenSketchEqualsTheUnionsSketch() {
        HyperLogLog hourOne = of(0, 30_000);
        HyperLogLog hourTwo = of(20_000, 50_000);

        HyperLogLog day = HyperLogLog.fromBytes(hourOne.toBytes()).merge(hourTwo);

        assertThat(day.toBytes()).isEqualTo(of(0, 50_000).toBytes());
        assertThat(day.estimate()).isCloseTo(50_000, within(50_000 * 0.049));
        assertThat(day.estimate()).isLessThan(hourOne.estimate() + hourTwo.estimate() - 5_000);
    }

    @Test
    void givenASketch_whenSerializedAsBase64_thenRoundTrips() {
        HyperLogLog sketch = of(5, 5000);
        assertThat(HyperLogLog.fromBase64(sketch.toBase64()).estimate()).isEqualTo(sketch.estimate());
    }

    @Test
    void givenHashes_whenRanked_thenLeadingZerosAfterTheIndexBitsPlusOne() {
        assertThat(HyperLogLog.rank(0L, 12)).isEqualTo(53);
        assertThat(HyperLogLog.rank(1L << 51, 12)).isEqualTo(1);
        assertThat(HyperLogLog.rank(1L, 12)).isEqualTo(52);
        assertThat(HyperLogLog.registerIndex(-1L, 12)).isEqualTo(4095);
    }

    @Test
    void givenDifferentPrecisions_whenMerged_thenRejected() {
        assertThatThrownBy(() -> new HyperLogLog(10).merge(new HyperLogLog(12))).hasMessageContaining("precision");
    }
}
