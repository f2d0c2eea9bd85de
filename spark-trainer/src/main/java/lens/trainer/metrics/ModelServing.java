package lens.trainer.metrics;

import lens.stats.DdSketch;

/** One model's serving counters and latency sketch over one or more hours. Mergeable. */
public final class ModelServing {

    long responses;
    long successes;
    long emptyResults;
    double maxLatencyMs;
    final DdSketch latency;

    ModelServing(double relativeAccuracy) {
        this.latency = new DdSketch(relativeAccuracy);
    }

    void merge(ModelServing other) {
        responses += other.responses;
        successes += other.successes;
        emptyResults += other.emptyResults;
        maxLatencyMs = Math.max(maxLatencyMs, other.maxLatencyMs);
        latency.merge(other.latency);
    }

    public long responses() {
        return responses;
    }

    public long successes() {
        return successes;
    }

    public long emptyResults() {
        return emptyResults;
    }

    public double maxLatencyMs() {
        return maxLatencyMs;
    }

    public DdSketch latency() {
        return latency;
    }
}
