package lens.trainer.ab;

import java.util.Arrays;
import java.util.stream.Collectors;
import lens.events.InteractionType;

/**
 * Which pre-assignment activity is CUPED's covariate ({@code ab.cuped.covariate}; counted over
 * {@code ab.cuped.pre-hours} before each unit's assignment):
 * <ul>
 *   <li>{@code matching} (default): each metric's own interaction type (views before for views after, ...);
 *       all interactions for conversion and conversion value, which no interaction type matches</li>
 *   <li>{@code activity}: all interactions, for every metric</li>
 *   <li>{@code views}, {@code clicks}, {@code ratings}, {@code bookmarks}, {@code searches}: that interaction type,
 *       for every metric</li>
 * </ul>
 * CUPED reduces variance by the squared correlation of metric and covariate, so the best covariate is the
 * pre-period value of the metric itself; the others are for metrics whose own history is too sparse.
 */
public final class CupedCovariate {

    /** The covariate that counts interactions of every type. */
    public static final String ALL_ACTIVITY = "ALL";
    public static final String DEFAULT = "matching";

    private final String setting;
    private final InteractionType fixedType;

    private CupedCovariate(String setting, InteractionType fixedType) {
        this.setting = setting;
        this.fixedType = fixedType;
    }

    public static CupedCovariate parse(String text) {
        String setting = text == null || text.isBlank() ? DEFAULT : text.trim().toLowerCase(java.util.Locale.ROOT);
        if (setting.equals(DEFAULT) || setting.equals("activity")) {
            return new CupedCovariate(setting, null);
        }
        for (MetricKind kind : MetricKind.values()) {
            if (kind.interaction() != null && kind.id().equals(setting)) {
                return new CupedCovariate(setting, kind.interaction());
            }
        }
        throw new IllegalArgumentException("ab.cuped.covariate '" + text + "' is none of: matching, activity, "
                + Arrays.stream(MetricKind.values()).filter(k -> k.interaction() != null).map(MetricKind::id)
                .collect(Collectors.joining(", ")));
    }

    /** The setting as configured (normalised), for the report. */
    public String setting() {
        return setting;
    }

    /** The interactions counted before assignment as covariate of {@code kind}: a type's name or {@link #ALL_ACTIVITY}. */
    public String preActivityOf(MetricKind kind) {
        if (fixedType != null) {
            return fixedType.name();
        }
        if (setting.equals(DEFAULT) && kind.interaction() != null) {
            return kind.interaction().name();
        }
        return ALL_ACTIVITY;
    }
}
