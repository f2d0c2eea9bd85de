package lens.stats;

/**
 * The treatment-versus-control estimate behind every test.
 *
 * @param scale    absolute or relative
 * @param estimate mean_t - mean_c, or (mean_t - mean_c) / |mean_c|
 * @param variance variance of the estimate (delta method when relative)
 * @param dof      Welch–Satterthwaite degrees of freedom
 */
public record Effect(Scale scale, double estimate, double variance, double dof) {

    public double standardError() {
        return Math.sqrt(variance);
    }

    /**
     * Estimates the effect from two arms' statistics.
     *
     * @throws IllegalArgumentException with the reason when no estimate exists (too few units, zero baseline)
     */
    public static Effect of(MeanStatistic control, MeanStatistic treatment, Scale scale) {
        if (control.n() < 2 || treatment.n() < 2) {
            throw new IllegalArgumentException("each arm needs at least 2 units (control " + control.n()
                    + ", treatment " + treatment.n() + ")");
        }
        double meanC = control.mean();
        double meanT = treatment.mean();
        double varMeanC = control.varianceOfMean();
        double varMeanT = treatment.varianceOfMean();
        if (varMeanC + varMeanT <= 0) {
            throw new IllegalArgumentException("both arms have zero variance");
        }
        double dof = Math.pow(varMeanC + varMeanT, 2)
                / (varMeanC * varMeanC / (control.n() - 1) + varMeanT * varMeanT / (treatment.n() - 1));
        if (scale == Scale.ABSOLUTE) {
            return new Effect(scale, meanT - meanC, varMeanC + varMeanT, dof);
        }
        if (meanC == 0) {
            throw new IllegalArgumentException("control mean is zero: relative lift is undefined");
        }
        // delta method for the ratio of two independent means
        double variance = varMeanT / (meanC * meanC) + varMeanC * meanT * meanT / Math.pow(meanC, 4);
        return new Effect(scale, (meanT - meanC) / Math.abs(meanC), variance, dof);
    }
}
