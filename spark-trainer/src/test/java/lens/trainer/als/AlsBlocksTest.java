package lens.trainer.als;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import lens.events.EventHour;
import lens.trainer.job.JobRequest;
import org.junit.jupiter.api.Test;

class AlsBlocksTest {

    private static AlsSettings settings(Map<String, String> options) {
        return AlsSettings.from(new JobRequest("/lake", "/work", EventHour.parse("2026-11-29T08"), options));
    }

    @Test
    void givenNoSetting_thenBothModelsUseAsManyBlocksAsTheJobHasCores() {
        AlsSettings settings = settings(Map.of());

        assertThat(AlsBlocks.resolve(settings.explicit().blocks(), 2)).isEqualTo(2);
        assertThat(AlsBlocks.resolve(settings.implicit().blocks(), 48)).isEqualTo(48);
        assertThat(settings.describe()).containsEntry("als.blocks", "auto");
    }

    @Test
    void givenAPinnedCount_thenItWinsOverTheCores() {
        AlsSettings settings = settings(Map.of("als.blocks", "10"));

        assertThat(AlsBlocks.resolve(settings.explicit().blocks(), 2)).isEqualTo(10);
        assertThat(AlsBlocks.resolve(settings.implicit().blocks(), 2)).isEqualTo(10);
        assertThat(settings.describe()).containsEntry("als.blocks", "10");
    }

    @Test
    void givenANegativeCount_thenTheSettingsAreRefused() {
        assertThatThrownBy(() -> settings(Map.of("als.blocks", "-1"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("als.blocks");
    }
}
