package lens.trainer.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * The {@code CHAMPION} file: which version serves, since when and why, and the champions before it (most recent
 * first) so that a rollback knows where to go. Replaced atomically as a whole.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChampionPointer(String version, String since, String reason, List<String> previous) {

    public ChampionPointer {
        previous = previous == null ? List.of() : List.copyOf(previous);
    }
}
