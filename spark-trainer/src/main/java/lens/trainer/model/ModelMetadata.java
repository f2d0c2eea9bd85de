package lens.trainer.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code model.json} of a model version: what it was trained on, how, and how well it did.
 *
 * @param version         the version id (the folder name)
 * @param createdAt       ISO instant the run saved it
 * @param window          the job's window hour (its last hour), e.g. {@code 2026-11-29T08:00Z}
 * @param windowHours     how many hours the window spans
 * @param trainedUntil    epoch millis: the model saw no event at or after this instant (the holdout start)
 * @param params          hyperparameters and settings, as strings
 * @param metrics         holdout metrics of this model and of the popularity baseline
 * @param dataFingerprint hash of the training window's ratings and interactions
 * @param artifacts       artifact name to path relative to the version folder
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelMetadata(String version, String createdAt, String window, int windowHours, long trainedUntil,
                            Map<String, String> params, Map<String, Double> metrics, String dataFingerprint,
                            Map<String, String> artifacts) {

    public static final String FILE = "model.json";

    public ModelMetadata {
        params = new LinkedHashMap<>(params == null ? Map.of() : params);
        metrics = new LinkedHashMap<>(metrics == null ? Map.of() : metrics);
        artifacts = new LinkedHashMap<>(artifacts == null ? Map.of() : artifacts);
    }
}
