package lens.trainer.ab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import lens.events.EventHour;
import lens.trainer.job.JobRequest;
import org.junit.jupiter.api.Test;

class ExperimentConfigTest {

    private static JobRequest request(Map<String, String> options) {
        return new JobRequest("lake", "work", EventHour.parse("2026-11-29T08"), options);
    }

    @Test
    void givenAGlobalPrePeriod_thenEveryExperimentIsAdjustedUnlessItOptsOut() {
        JobRequest request = request(Map.of("ab.cuped.pre-hours", "24", "ab.exp-layout.cuped", "false"));

        assertThat(ExperimentConfig.from(request, "exp-ranker").cuped()).isTrue();
        assertThat(ExperimentConfig.from(request, "exp-layout").cuped()).isFalse();
    }

    @Test
    void givenNoGlobalPrePeriod_thenNoExperimentIsAdjusted() {
        JobRequest request = request(Map.of("ab.exp-ranker.cuped", "true"));

        assertThat(ExperimentConfig.from(request, "exp-ranker").cuped()).isFalse();
    }

    @Test
    void givenAPerExperimentPrePeriod_thenTheConfigurationIsRefusedRatherThanIgnored() {
        JobRequest request = request(Map.of("ab.exp-ranker.cuped.pre-hours", "48"));

        assertThatThrownBy(() -> ExperimentConfig.from(request, "exp-ranker"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ab.cuped.pre-hours").hasMessageContaining("ab.exp-ranker.cuped=false");
    }
}
