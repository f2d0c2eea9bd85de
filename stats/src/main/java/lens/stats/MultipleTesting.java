package lens.stats;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Adjusted p-values for a family of tests (metrics × arms): Holm controls the family-wise error rate,
 * Benjamini–Hochberg the false discovery rate. Both return adjusted p-values in the input's order.
 */
public final class MultipleTesting {

    private MultipleTesting() {
    }

    /** Holm's step-down: p_(i) · (m - i + 1), made monotone from the smallest up, capped at 1. */
    public static double[] holm(double[] pValues) {
        int m = pValues.length;
        Integer[] order = ascending(pValues);
        double[] adjusted = new double[m];
        double running = 0;
        for (int rank = 0; rank < m; rank++) {
            int i = order[rank];
            running = Math.max(running, Math.min(1, (m - rank) * pValues[i]));
            adjusted[i] = running;
        }
        return adjusted;
    }

    /** Benjamini–Hochberg step-up: p_(i) · m / i, made monotone from the largest down, capped at 1. */
    public static double[] benjaminiHochberg(double[] pValues) {
        int m = pValues.length;
        Integer[] order = ascending(pValues);
        double[] adjusted = new double[m];
        double running = 1;
        for (int rank = m - 1; rank >= 0; rank--) {
            int i = order[rank];
            running = Math.min(running, Math.min(1, pValues[i] * m / (rank + 1)));
            adjusted[i] = running;
        }
        return adjusted;
    }

    private static Integer[] ascending(double[] pValues) {
        for (double p : pValues) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("p-values must lie in [0, 1], got " + Arrays.toString(pValues));
            }
        }
        Integer[] order = new Integer[pValues.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> pValues[i]));
        return order;
    }
}
