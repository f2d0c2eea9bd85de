package lens.stats;

/**
 * Two-sided tests of treatment against control, as GrowthBook's gbstats computes them: Welch's t-test on the
 * absolute or relative (delta-method) lift, and always-valid sequential intervals (Waudby-Smith et al., the
 * normal-mixture confidence sequence) that stay valid however often a running experiment is looked at.
 */
public final class FrequentistTests {

    private FrequentistTests() {
    }

    /** Welch's t-test: CI = estimate ± t(1 - α/2, dof) · se, p = P(|T_dof| ≥ |estimate / se|). */
    public static TestResult welch(MeanStatistic control, MeanStatistic treatment, Scale scale, double alpha) {
        checkAlpha(alpha);
        Effect effect = Effect.of(control, treatment, scale);
        double se = effect.standardError();
        double halfWidth = Distributions.studentTQuantile(1 - alpha / 2, effect.dof()) * se;
        double p = Distributions.studentTTwoSidedP(effect.estimate() / se, effect.dof());
        return new TestResult(scale, effect.estimate(), se, effect.estimate() - halfWidth,
                effect.estimate() + halfWidth, p, effect.dof());
    }

    /**
     * Always-valid interval and p-value with mixture tuning parameter {@code tuning} (the sample size at which the
     * interval is tightest; GrowthBook defaults to 5000).
     */
    public static TestResult sequential(MeanStatistic control, MeanStatistic treatment, Scale scale, double alpha,
                                        double tuning) {
        checkAlpha(alpha);
        if (!(tuning > 0)) {
            throw new IllegalArgumentException("tuning parameter must be > 0, got " + tuning);
        }
        Effect effect = Effect.of(control, treatment, scale);
        double n = control.n() + treatment.n();
        double rho2 = (-2 * Math.log(alpha) + Math.log(-2 * Math.log(alpha) + 1)) / tuning;
        double s2 = effect.variance() * n;
        double nRho2Plus1 = n * rho2 + 1;
        double halfWidth = Math.sqrt(s2) * Math.sqrt(2 * nRho2Plus1 * Math.log(Math.sqrt(nRho2Plus1) / alpha)
                / (n * n * rho2));
        // the p-value is 1 / (mixture likelihood ratio), capped at 1
        double z2 = effect.estimate() * effect.estimate() / effect.variance();
        double logE = rho2 * n * z2 / (2 * nRho2Plus1) - 0.5 * Math.log(nRho2Plus1);
        double p = Math.min(1, Math.exp(-logE));
        return new TestResult(scale, effect.estimate(), effect.standardError(), effect.estimate() - halfWidth,
                effect.estimate() + halfWidth, p, Double.POSITIVE_INFINITY);
    }

    private static void checkAlpha(double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must lie in (0, 1), got " + alpha);
        }
    }
}
