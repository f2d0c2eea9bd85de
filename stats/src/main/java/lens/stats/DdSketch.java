package lens.stats;

import java.util.Map;
import java.util.TreeMap;

/**
 * DDSketch quantile sketch (Masson et al. 2019): values fall in logarithmic buckets of ratio
 * γ = (1 + α) / (1 - α), so every quantile is returned within relative error α of the true order statistic.
 * Buckets are plain counts, so sketches merge exactly by adding counts: that is how hourly latency percentiles
 * roll up into daily ones (percentiles themselves must never be averaged). Distributed jobs can bucket with
 * {@link #bucketOf(double)} and ship only (bucket, count) pairs.
 */
public final class DdSketch {

    public static final double DEFAULT_RELATIVE_ACCURACY = 0.01;
    /** Values at or below this land in the zero bucket (latencies of exactly 0 ms do occur). */
    public static final double MIN_INDEXABLE = 1e-9;
    public static final int ZERO_BUCKET = Integer.MIN_VALUE;

    private final double relativeAccuracy;
    private final double logGamma;
    private final TreeMap<Integer, Long> buckets = new TreeMap<>();
    private long count;

    public DdSketch() {
        this(DEFAULT_RELATIVE_ACCURACY);
    }

    public DdSketch(double relativeAccuracy) {
        if (!(relativeAccuracy > 0 && relativeAccuracy < 1)) {
            throw new IllegalArgumentException("relative accuracy must lie in (0, 1), got " + relativeAccuracy);
        }
        this.relativeAccuracy = relativeAccuracy;
        this.logGamma = Math.log((1 + relativeAccuracy) / (1 - relativeAccuracy));
    }

    public double relativeAccuracy() {
        return relativeAccuracy;
    }

    /** The bucket of a value under this sketch's accuracy: ⌈log_γ(x)⌉. */
    public int bucketOf(double value) {
        return bucketOf(value, relativeAccuracy);
    }

    /** The bucket of a value for a given accuracy; static so distributed jobs can bucket without a sketch. */
    public static int bucketOf(double value, double relativeAccuracy) {
        if (value < 0 || Double.isNaN(value)) {
            throw new IllegalArgumentException("DdSketch takes values >= 0, got " + value);
        }
        double logGamma = Math.log((1 + relativeAccuracy) / (1 - relativeAccuracy));
        return value <= MIN_INDEXABLE ? ZERO_BUCKET : (int) Math.ceil(Math.log(value) / logGamma);
    }

    public DdSketch add(double value) {
        return addToBucket(bucketOf(value), 1);
    }

    public DdSketch addToBucket(int bucket, long n) {
        if (n < 0) {
            throw new IllegalArgumentException("bucket counts are >= 0, got " + n);
        }
        if (n > 0) {
            buckets.merge(bucket, n, Long::sum);
            count += n;
        }
        return this;
    }

    public DdSketch merge(DdSketch other) {
        if (other.relativeAccuracy != relativeAccuracy) {
            throw new IllegalArgumentException("cannot merge accuracy " + other.relativeAccuracy + " into "
                    + relativeAccuracy);
        }
        other.buckets.forEach((bucket, n) -> addToBucket(bucket, n));
        return this;
    }

    public long count() {
        return count;
    }

    public Map<Integer, Long> buckets() {
        return java.util.Collections.unmodifiableMap(buckets);
    }

    /**
     * The q-quantile (lower definition: the value of rank ⌊q (n - 1)⌋ in sorted order), within relative error α.
     *
     * @throws IllegalStateException when the sketch is empty
     */
    public double quantile(double q) {
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("quantile must lie in [0, 1], got " + q);
        }
        if (count == 0) {
            throw new IllegalStateException("empty sketch has no quantiles");
        }
        long rank = (long) Math.floor(q * (count - 1));
        long seen = 0;
        for (Map.Entry<Integer, Long> bucket : buckets.entrySet()) {
            seen += bucket.getValue();
            if (seen > rank) {
                return valueOf(bucket.getKey());
            }
        }
        return valueOf(buckets.lastKey());
    }

    /** The representative of a bucket: the point of [γ^(i-1), γ^i] with equal relative distance to both ends. */
    private double valueOf(int bucket) {
        if (bucket == ZERO_BUCKET) {
            return 0;
        }
        double gamma = Math.exp(logGamma);
        return 2 * Math.exp(bucket * logGamma) / (gamma + 1);
    }

    /** Compact text form {@code α|bucket:count,...}, safe in JSON and Parquet string columns. */
    public String encode() {
        StringBuilder text = new StringBuilder().append(relativeAccuracy).append('|');
        String separator = "";
        for (Map.Entry<Integer, Long> bucket : buckets.entrySet()) {
            text.append(separator).append(bucket.getKey()).append(':').append(bucket.getValue());
            separator = ",";
        }
        return text.toString();
    }

    public static DdSketch decode(String text) {
        int bar = text.indexOf('|');
        if (bar < 0) {
            throw new IllegalArgumentException("not an encoded DdSketch: " + text);
        }
        DdSketch sketch = new DdSketch(Double.parseDouble(text.substring(0, bar)));
        String body = text.substring(bar + 1);
        if (!body.isEmpty()) {
            for (String pair : body.split(",")) {
                int colon = pair.indexOf(':');
                sketch.addToBucket(Integer.parseInt(pair.substring(0, colon)),
                        Long.parseLong(pair.substring(colon + 1)));
            }
        }
        return sketch;
    }
}
