package lens.batch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import lens.batch.support.TestProps;
import lens.events.Topic;
import org.junit.jupiter.api.Test;

class JobSettingsTest {

    @Test
    void givenTheDailyRollUp_whenBuiltIn_thenItIsDailyReadingServingMetricsWithoutTopics() {
        JobSettings daily = JobSettings.builtIn("serving-metrics-daily");

        assertThat(daily.cadence()).isEqualTo(Cadence.DAILY);
        assertThat(daily.upstream()).containsExactly("serving-metrics");
        assertThat(daily.inputs()).isEmpty();
        assertThat(daily.catchUp()).isEqualTo(CatchUp.EVERY_HOUR);
        assertThat(daily.rerunOnLateData()).isTrue();
    }

    @Test
    void givenOnlyOptionsConfigured_whenResolved_thenTheBuiltInInputsAndPoliciesStay() {
        Map<String, JobSettings.Overrides> configured = Map.of(
                "als-retrain", new JobSettings.Overrides(null, null, null, null, null, Map.of("explicit.rank", "20")),
                "serving-metrics-daily", new JobSettings.Overrides(null, null, null, null, null,
                        Map.of("metrics.top-movies", "5")));
        LensBatchProperties props = TestProps.of(List.of("serving-metrics", "als-retrain", "serving-metrics-daily"),
                configured);

        JobSettings als = props.settings("als-retrain");
        JobSettings daily = props.settings("serving-metrics-daily");

        assertThat(als.inputs()).containsExactly(Topic.USER_INTERACTIONS);
        assertThat(als.catchUp()).isEqualTo(CatchUp.LATEST_ONLY);
        assertThat(als.rerunOnLateData()).isFalse();
        assertThat(als.options()).containsExactly(Map.entry("explicit.rank", "20"));
        assertThat(daily.cadence()).isEqualTo(Cadence.DAILY);
        assertThat(daily.upstream()).containsExactly("serving-metrics");
        assertThat(daily.options()).containsExactly(Map.entry("metrics.top-movies", "5"));
    }

    @Test
    void givenJobsListedReadersFirst_whenOrdered_thenEachComesAfterItsUpstream() {
        LensBatchProperties props = TestProps.of(List.of("serving-metrics-daily", "ab-report", "serving-metrics"),
                Map.of());

        assertThat(props.jobsUpstreamFirst()).containsExactly("serving-metrics", "serving-metrics-daily", "ab-report");
        assertThat(props.jobs()).as("the configured order is kept").startsWith("serving-metrics-daily");
    }

    @Test
    void givenTheDailyRollUpWithoutItsUpstream_whenBound_thenItIsRejectedNamingTheMissingJob() {
        assertThatThrownBy(() -> TestProps.of(List.of("serving-metrics-daily"), Map.of()))
                .hasMessageContaining("'serving-metrics'").hasMessageContaining("lens.batch.jobs");
    }

    @Test
    void givenADailyJobWithInputTopics_whenResolved_thenItIsRejected() {
        assertThatThrownBy(() -> new JobSettings(List.of(Topic.AB_TEST_EVENTS), null, Cadence.DAILY, null, true, null))
                .hasMessageContaining("upstream");
    }
}
