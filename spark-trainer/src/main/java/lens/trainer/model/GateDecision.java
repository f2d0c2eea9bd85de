package lens.trainer.model;

import java.util.List;

/** A gate's verdict with every reason, passed or failed, in the order checked. */
public record GateDecision(boolean promote, List<String> reasons) {

    public GateDecision {
        reasons = List.copyOf(reasons);
    }
}
