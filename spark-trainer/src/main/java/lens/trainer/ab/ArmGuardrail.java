package lens.trainer.ab;

import lens.stats.DdSketch;

/** Serving health of one arm: responses, failed responses and a latency sketch. */
public record ArmGuardrail(long responses, long errors, DdSketch latency) {
}
