package lens.stats;

/**
 * The distribution functions the tests need (normal, Student t, chi-squared), from the regularized incomplete
 * gamma and beta functions. Accurate to about 1e-12, far beyond the 4 decimals reports show.
 */
public final class Distributions {

    private static final double EPSILON = 1e-15;
    private static final double TINY = 1e-300;
    private static final int MAX_ITERATIONS = 10_000;
    private static final double[] LANCZOS = {
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
            1.5056327351493116e-7};

    private Distributions() {
    }

    /** ln Γ(x) for x > 0 (Lanczos, g = 7). */
    public static double logGamma(double x) {
        if (x <= 0) {
            throw new IllegalArgumentException("logGamma needs x > 0, got " + x);
        }
        if (x < 0.5) {
            // reflection keeps the approximation in its accurate range
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        double z = x - 1;
        double sum = LANCZOS[0];
        double t = z + 7.5;
        for (int i = 1; i < LANCZOS.length; i++) {
            sum += LANCZOS[i] / (z + i);
        }
        return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
    }

    /** Regularized lower incomplete gamma P(a, x). */
    public static double regularizedGammaP(double a, double x) {
        if (x <= 0) {
            return 0;
        }
        return x < a + 1 ? gammaSeries(a, x) : 1 - gammaContinuedFraction(a, x);
    }

    /** Regularized upper incomplete gamma Q(a, x) = 1 - P(a, x), without cancellation in the tail. */
    public static double regularizedGammaQ(double a, double x) {
        if (x <= 0) {
            return 1;
        }
        return x < a + 1 ? 1 - gammaSeries(a, x) : gammaContinuedFraction(a, x);
    }

    private static double gammaSeries(double a, double x) {
        double term = 1 / a;
        double sum = term;
        for (int n = 1; n < MAX_ITERATIONS; n++) {
            term *= x / (a + n);
            sum += term;
            if (Math.abs(term) < Math.abs(sum) * EPSILON) {
                break;
            }
        }
        return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
    }

    private static double gammaContinuedFraction(double a, double x) {
        // modified Lentz
        double b = x + 1 - a;
        double c = 1 / TINY;
        double d = 1 / b;
        double h = d;
        for (int i = 1; i < MAX_ITERATIONS; i++) {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            d = Math.abs(d) < TINY ? TINY : d;
            c = b + an / c;
            c = Math.abs(c) < TINY ? TINY : c;
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < EPSILON) {
                break;
            }
        }
        return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
    }

    /** Regularized incomplete beta I_x(a, b). */
    public static double regularizedBeta(double x, double a, double b) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        double front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b)
                + a * Math.log(x) + b * Math.log1p(-x));
        if (x < (a + 1) / (a + b + 2)) {
            return front * betaContinuedFraction(x, a, b) / a;
        }
        return 1 - front * betaContinuedFraction(1 - x, b, a) / b;
    }

    private static double betaContinuedFraction(double x, double a, double b) {
        double c = 1;
        double d = 1 - (a + b) * x / (a + 1);
        d = Math.abs(d) < TINY ? TINY : d;
        d = 1 / d;
        double h = d;
        for (int m = 1; m < MAX_ITERATIONS; m++) {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
            d = 1 + aa * d;
            d = Math.abs(d) < TINY ? TINY : d;
            c = 1 + aa / c;
            c = Math.abs(c) < TINY ? TINY : c;
            d = 1 / d;
            h *= d * c;
            aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
            d = 1 + aa * d;
            d = Math.abs(d) < TINY ? TINY : d;
            c = 1 + aa / c;
            c = Math.abs(c) < TINY ? TINY : c;
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < EPSILON) {
                break;
            }
        }
        return h;
    }

    /** Standard normal cumulative distribution Φ(x). */
    public static double normalCdf(double x) {
        double z = x / Math.sqrt(2);
        // erfc(|z|) = Q(1/2, z^2)
        double tail = 0.5 * regularizedGammaQ(0.5, z * z);
        return x >= 0 ? 1 - tail : tail;
    }

    /** Φ⁻¹(p): Acklam's rational approximation polished by one Halley step. */
    public static double normalQuantile(double p) {
        if (!(p > 0 && p < 1)) {
            if (p == 0) {
                return Double.NEGATIVE_INFINITY;
            }
            if (p == 1) {
                return Double.POSITIVE_INFINITY;
            }
            throw new IllegalArgumentException("probability must lie in [0, 1], got " + p);
        }
        double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
        double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                6.680131188771972e+01, -1.328068155288572e+01};
        double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
        double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                3.754408661907416e+00};
        double low = 0.02425;
        double x;
        if (p < low) {
            double q = Math.sqrt(-2 * Math.log(p));
            x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        } else if (p <= 1 - low) {
            double q = p - 0.5;
            double r = q * q;
            x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                    / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
        } else {
            double q = Math.sqrt(-2 * Math.log(1 - p));
            x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        double e = normalCdf(x) - p;
        double u = e * Math.sqrt(2 * Math.PI) * Math.exp(x * x / 2);
        return x - u / (1 + x * u / 2);
    }

    /** Student t cumulative distribution with {@code dof} degrees of freedom (any positive real). */
    public static double studentTCdf(double t, double dof) {
        if (Double.isInfinite(dof)) {
            return normalCdf(t);
        }
        double tail = 0.5 * regularizedBeta(dof / (dof + t * t), dof / 2, 0.5);
        return t >= 0 ? 1 - tail : tail;
    }

    /** Two-sided tail probability P(|T| ≥ |t|), computed without 1 - cdf cancellation. */
    public static double studentTTwoSidedP(double t, double dof) {
        if (Double.isInfinite(dof)) {
            return regularizedGammaQ(0.5, t * t / 2);
        }
        return regularizedBeta(dof / (dof + t * t), dof / 2, 0.5);
    }

    /** Quantile of Student's t, by bisection on the cdf (monotone, so it always converges). */
    public static double studentTQuantile(double p, double dof) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("probability must lie in (0, 1), got " + p);
        }
        if (p < 0.5) {
            return -studentTQuantile(1 - p, dof);
        }
        double lo = 0;
        double hi = Math.max(1, 2 * normalQuantile(p));
        while (studentTCdf(hi, dof) < p) {
            hi *= 2;
        }
        for (int i = 0; i < 200 && hi - lo > 1e-14 * Math.max(1, hi); i++) {
            double mid = (lo + hi) / 2;
            if (studentTCdf(mid, dof) < p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    /** P(X ≥ x) for X chi-squared with {@code dof} degrees of freedom. */
    public static double chiSquaredSurvival(double x, double dof) {
        return regularizedGammaQ(dof / 2, x / 2);
    }
}
