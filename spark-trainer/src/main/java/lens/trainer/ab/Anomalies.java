package lens.trainer.ab;

/**
 * Data that does not fit the experiment and is therefore kept out of the statistics, counted so it is visible.
 *
 * @param multiArmUnits           units assigned to more than one arm (excluded entirely)
 * @param conversionsBeforeAssignment conversions timestamped before the unit's assignment (dropped)
 * @param conversionsWithoutAssignment conversions of units never assigned in the lookback (dropped)
 * @param conversionsInOtherArm   conversions naming another arm than the unit's assignment (kept, for the
 *                                assigned arm)
 * @param interactionsBeforeAssignment interactions of assigned units before their assignment (not counted as
 *                                outcomes; used as CUPED covariate when configured)
 */
public record Anomalies(long multiArmUnits, long conversionsBeforeAssignment, long conversionsWithoutAssignment,
                        long conversionsInOtherArm, long interactionsBeforeAssignment) {

    public static final Anomalies NONE = new Anomalies(0, 0, 0, 0, 0);
}
