package lens.stats;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Pearson's chi-squared goodness-of-fit of observed units per arm against the configured split. A mismatch means
 * the assignment or the logging is broken, so every other number of the experiment is suspect.
 */
public final class SampleRatioMismatch {

    /** GrowthBook's and Statsig's threshold: SRM alarms must be rare when nothing is wrong. */
    public static final double DEFAULT_THRESHOLD = 0.001;

    private SampleRatioMismatch() {
    }

    /**
     * @param chiSquare      the statistic Σ (observed - expected)² / expected
     * @param pValue         P(χ²(k - 1) ≥ statistic)
     * @param expected       expected units per arm under the configured split
     * @param enoughData     whether every arm's expected count reaches the minimum (the χ² approximation holds)
     * @param mismatch       flagged: enough data and p-value below the threshold
     */
    public record Result(double chiSquare, double pValue, Map<String, Double> expected, boolean enoughData,
                         boolean mismatch) {
    }

    /**
     * @param observed         units per arm
     * @param weights          configured split per arm (any positive scale; normalized here); arms absent from
     *                         {@code observed} count as 0 units
     * @param threshold        flag when p is below it
     * @param minExpectedPerArm smallest expected count per arm for which the test is trusted
     */
    public static Result check(Map<String, Long> observed, Map<String, Double> weights, double threshold,
                               long minExpectedPerArm) {
        if (weights.size() < 2) {
            throw new IllegalArgumentException("an SRM check needs at least two arms, got " + weights.keySet());
        }
        for (String arm : observed.keySet()) {
            if (!weights.containsKey(arm)) {
                throw new IllegalArgumentException("arm '" + arm + "' has units but no configured weight");
            }
        }
        double totalWeight = 0;
        for (double w : weights.values()) {
            if (!(w > 0)) {
                throw new IllegalArgumentException("weights must be > 0, got " + weights);
            }
            totalWeight += w;
        }
        long total = observed.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Double> expected = new LinkedHashMap<>();
        double chiSquare = 0;
        boolean enough = total > 0;
        for (Map.Entry<String, Double> arm : weights.entrySet()) {
            double e = total * arm.getValue() / totalWeight;
            double o = observed.getOrDefault(arm.getKey(), 0L);
            expected.put(arm.getKey(), e);
            if (e > 0) {
                chiSquare += (o - e) * (o - e) / e;
            }
            enough &= e >= minExpectedPerArm;
        }
        double p = total == 0 ? 1 : Distributions.chiSquaredSurvival(chiSquare, weights.size() - 1);
        return new Result(chiSquare, p, expected, enough, enough && p < threshold);
    }
}
