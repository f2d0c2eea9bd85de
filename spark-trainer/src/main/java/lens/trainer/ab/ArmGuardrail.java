package lens.trainer.ab;

import lens.stats.DdSketch;

/** Serving health of one arm: responses, failed responses and a latency sketch. */
public record ArmGuardrail(long responses, long errors, DdSketch latency) {

    /** Both together, in a new sketch (neither operand changes). */
    public ArmGuardrail plus(ArmGuardrail other) {
        DdSketch merged = new DdSketch(latency.relativeAccuracy()).merge(latency).merge(other.latency);
        return new ArmGuardrail(responses + other.responses, errors + other.errors, merged);
    }
}
