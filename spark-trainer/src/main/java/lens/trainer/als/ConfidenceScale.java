package lens.trainer.als;

import java.util.Locale;

/**
 * How a user's interaction strength with a movie (the decayed, weighted sum {@code r}) becomes the value implicit
 * ALS turns into its confidence {@code c = 1 + alpha * value}. Hu, Koren and Volinsky give two forms: linear,
 * {@code c = 1 + alpha * r}, and logarithmic, {@code c = 1 + alpha * log(1 + r / epsilon)}, which lets a strong
 * signal count more without letting a heavy user's many interactions with one movie swamp everything else.
 *
 * @param kind    linear or log
 * @param epsilon the log form's scale: strengths well below it count about linearly (r / epsilon)
 */
public record ConfidenceScale(Kind kind, double epsilon) implements java.io.Serializable {

    public enum Kind { LINEAR, LOG }

    public static final ConfidenceScale LINEAR = new ConfidenceScale(Kind.LINEAR, 1.0);

    public ConfidenceScale {
        if (kind == null || !(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("confidence scale needs a kind and a positive epsilon, got " + kind
                    + ", " + epsilon);
        }
    }

    /** "linear" or "log". */
    public static ConfidenceScale parse(String kind, double epsilon) {
        return switch (kind.trim().toLowerCase(Locale.ROOT)) {
            case "linear" -> new ConfidenceScale(Kind.LINEAR, epsilon);
            case "log" -> new ConfidenceScale(Kind.LOG, epsilon);
            default -> throw new IllegalArgumentException("implicit.confidence must be linear or log, got " + kind);
        };
    }

    /** The value ALS multiplies by alpha; 0 stays 0 (no signal). */
    public double apply(double strength) {
        return kind == Kind.LINEAR ? strength : Math.log1p(strength / epsilon);
    }

    public String describe() {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
