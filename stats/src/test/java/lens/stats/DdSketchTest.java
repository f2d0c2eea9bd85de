package lens.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DdSketchTest {

    private static double exactLowerQuantile(double[] sorted, double q) {
        return sorted[(int) Math.floor(q * (sorted.length - 1))];
    }

    @Test
    void givenLongTailedLatencies_whenQuantiles_thenEachWithinOnePercentOfTheExactOrderStatistic() {
        Random random = new Random(11);
        double[] values = new double[20_000];
        DdSketch sketch = new DdSketch(0.01);
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.exp(3 + random.nextGaussian());
            sketch.add(values[i]);
        }
        Arrays.sort(values);
        for (double q : new double[] {0, 0.5, 0.95, 0.99, 1}) {
            double exact = exactLowerQuantile(values, q);
            assertThat(Math.abs(sketch.quantile(q) - exact) / exact).as("q=%s", q).isLessThanOrEqualTo(0.01);
        }
        assertThat(sketch.count()).isEqualTo(20_000);
    }

    @Test
    void givenTwoHours_whenMerged_thenEqualsOneSketchOfBothAndNotTheAverageOfPercentiles() {
        DdSketch quiet = new DdSketch();
        DdSketch busy = new DdSketch();
        double[] all = new double[1100];
        for (int i = 0; i < 100; i++) {
            quiet.add(1000 + i);
            all[i] = 1000 + i;
        }
        for (int i = 0; i < 1000; i++) {
            busy.add(10 + i % 10);
            all[100 + i] = 10 + i % 10;
        }
        Arrays.sort(all);
        DdSketch day = DdSketch.decode(quiet.encode()).merge(busy);
        DdSketch direct = new DdSketch();
        for (double v : all) {
            direct.add(v);
        }

        assertThat(day.encode()).isEqualTo(direct.encode());
        double exactP95 = exactLowerQuantile(all, 0.95);
        assertThat(Math.abs(day.quantile(0.95) - exactP95) / exactP95).isLessThanOrEqualTo(0.01);
        // the day's p95 (1044) sits in the quiet hour's tail; averaging the hours' p95s (~1094 and ~19) halves it
        double averaged = (quiet.quantile(0.95) + busy.quantile(0.95)) / 2;
        assertThat(averaged / exactP95).isLessThan(0.6);
    }

    @Test
    void givenZeros_whenQuantile_thenZero() {
        DdSketch sketch = new DdSketch().add(0).add(0).add(5);
        assertThat(sketch.quantile(0.5)).isEqualTo(0.0);
        assertThat(sketch.quantile(1)).isBetween(4.95, 5.05);
    }

    @Test
    void givenEmptyOrNegative_whenUsed_thenClearErrors() {
        assertThatThrownBy(() -> new DdSketch().quantile(0.5)).hasMessageContaining("empty");
        assertThatThrownBy(() -> new DdSketch().add(-1)).hasMessageContaining(">= 0");
        assertThatThrownBy(() -> new DdSketch(0.01).merge(new DdSketch(0.02))).hasMessageContaining("accuracy");
    }

    @Test
    void givenAnEncodedEmptySketch_whenDecoded_thenEmpty() {
        assertThat(DdSketch.decode(new DdSketch().encode()).count()).isZero();
    }
}
