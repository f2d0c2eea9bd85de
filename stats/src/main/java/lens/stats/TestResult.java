package lens.stats;

/**
 * The outcome of comparing one treatment arm with control on one metric.
 *
 * @param scale         absolute or relative
 * @param estimate      the lift
 * @param standardError its standard error
 * @param ciLow         lower confidence bound
 * @param ciHigh        upper confidence bound
 * @param pValue        two-sided p-value
 * @param dof           degrees of freedom of the reference distribution (infinite for sequential)
 */
public record TestResult(Scale scale, double estimate, double standardError, double ciLow, double ciHigh,
                         double pValue, double dof) {

    /** Whether the interval excludes zero. */
    public boolean significant() {
        return ciLow > 0 || ciHigh < 0;
    }
}
