package lens.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import lens.events.EventHour;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {

    @TempDir
    Path work;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-29T09:15:32.123Z"), ZoneOffset.UTC);

    private String save(ModelRegistry registry, String hour) {
        String version = registry.newVersion(EventHour.parse(hour));
        registry.saveMetadata(new ModelMetadata(version, "now", hour, 24, 0, Map.of(), Map.of("rmse", 0.9), "fp",
                Map.of()));
        return version;
    }

    @Test
    void givenAWindowAndAClock_whenNamingVersions_thenTheyAreUniqueAndSortByWindow() {
        ModelRegistry registry = new ModelRegistry(work.resolve("models/als"), clock);
        String a = save(registry, "2026-11-29T08");
        String b = save(registry, "2026-11-29T08");
        String c = save(registry, "2026-11-29T09");

        assertThat(a).isEqualTo("2026-11-29T08_20261129T091532123Z");
        assertThat(b).isNotEqualTo(a);
        assertThat(registry.versions()).extracting(ModelMetadata::version).containsExactly(a, b, c);
        assertThat(registry.latest().orElseThrow().version()).isEqualTo(c);
    }

    @Test
    void givenAVersionWithoutMetadata_whenListing_thenItIsIncompleteAndCannotBePromoted() throws Exception {
        ModelRegistry registry = ModelRegistry.forWorkDir(work);
        Files.createDirectories(registry.versionDir("half-written"));

        assertThat(registry.versions()).isEmpty();
        assertThatThrownBy(() -> registry.promote("half-written", "test"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenThreePromotions_whenRollingBackTwice_thenThePointerWalksBackAndHistoryRecordsEveryMove() {
        ModelRegistry registry = ModelRegistry.forWorkDir(work);
        String v1 = save(registry, "2026-11-29T01");
        String v2 = save(registry, "2026-11-29T02");
        String v3 = save(registry, "2026-11-29T03");
        registry.promote(v1, "first");
        registry.promote(v2, "better");
        registry.promote(v3, "better again");

        assertThat(registry.championPointer().orElseThrow().previous()).containsExactly(v2, v1);
        assertThat(registry.rollback("bad clicks").version()).isEqualTo(v2);
        assertThat(registry.champion()).contains(v2);
        assertThat(registry.rollback(null).version()).isEqualTo(v1);
        assertThatThrownBy(() -> registry.rollback("again")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no predecessor");
        assertThat(registry.history()).extracting(move -> move.get("action"))
                .containsExactly("promote", "promote", "promote", "rollback", "rollback");
        assertThat(registry.championPointer().orElseThrow().reason()).startsWith("rollback from " + v2);
        // the pointer file is replaced, never left as a temp file
        assertThat(registry.root().resolve(".CHAMPION.tmp")).doesNotExist();
    }

    @Test
    void givenNoChampion_whenRollingBack_thenItSaysSo() {
        assertThatThrownBy(() -> ModelRegistry.forWorkDir(work).rollback("x"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no champion");
    }
}
