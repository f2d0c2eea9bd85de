package lens.batch.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lens.events.EventHour;
import lens.events.EventJson;
import lens.events.EventValidator;
import lens.events.ModelMetric;
import lens.events.Topic;
import lens.events.Validation;
import lens.trainer.job.JobResult;
import org.junit.jupiter.api.Test;

class MetricMessagesTest {

    static final EventHour HOUR = EventHour.parse("2026-11-29T08");

    @Test
    void givenTheSameRunTwice_whenBuilt_thenTheMessagesAreByteForByteEqual() {
        JobResult result = new JobResult("ab-report", HOUR.toString(), Map.of("lift", 0.12), Map.of("arms", 2),
                List.of());

        byte[] first = EventJson.encode(MetricMessages.message("ab-report", HOUR, 2, result, 1_000L));
        byte[] second = EventJson.encode(MetricMessages.message("ab-report", HOUR, 2, result, 1_000L));

        assertThat(first).isEqualTo(second);
        assertThat(MetricMessages.eventId("ab-report", HOUR, 2)).isNotEqualTo(MetricMessages.eventId("ab-report", HOUR, 3));
    }

    @Test
    void givenAResult_whenBuilt_thenTheMessageFollowsTheModelMetricsContractAndIsKeyedByJobAndWindow() {
        JobResult result = new JobResult("serving-metrics", HOUR.toString(), Map.of("success_rate", 0.97),
                Map.of(), List.of("results/metrics/window=2026-11-29T08"));

        ModelMetric message = MetricMessages.message("serving-metrics", HOUR, 1, result, HOUR.endMillis());

        assertThat(message.key()).isEqualTo("serving-metrics|2026-11-29T08:00Z");
        assertThat(message.version()).isEqualTo(1);
        assertThat(EventValidator.withDefaults().validate(Topic.MODEL_METRICS, EventJson.encode(message)))
                .isInstanceOf(Validation.Valid.class);
    }

    @Test
    void givenAResultTooLongForTheSummaryField_whenBuilt_thenTheSummaryPointsAtTheFullFileAndStaysValid() {
        Map<String, Object> details = new LinkedHashMap<>();
        for (int i = 0; i < 200; i++) {
            details.put("model-" + i, "p95=" + i);
        }
        JobResult result = new JobResult("serving-metrics", HOUR.toString(), Map.of("n", 1.0), details, List.of());

        ModelMetric message = MetricMessages.message("serving-metrics", HOUR, 1, result, HOUR.endMillis());

        assertThat(message.summary()).contains("\"truncated\":true")
                .contains("results/metrics/window=2026-11-29T08/summary.json");
        assertThat(EventValidator.withDefaults().validate(Topic.MODEL_METRICS, EventJson.encode(message)))
                .isInstanceOf(Validation.Valid.class);
    }

    @Test
    void givenResultsDifferingOnlyInOutputsOrKeyOrder_whenFingerprinted_thenTheyAreEqual_andAChangedMetricIsNot() {
        Map<String, Double> ab = new LinkedHashMap<>();
        ab.put("a", 1.0);
        ab.put("b", 2.0);
        Map<String, Double> ba = new LinkedHashMap<>();
        ba.put("b", 2.0);
        ba.put("a", 1.0);
        JobResult one = new JobResult("j", HOUR.toString(), ab, Map.of(), List.of("x"));
        JobResult two = new JobResult("j", HOUR.toString(), ba, Map.of(), List.of("y"));
        JobResult changed = new JobResult("j", HOUR.toString(), Map.of("a", 1.0, "b", 2.5), Map.of(), List.of("x"));

        assertThat(MetricMessages.fingerprint(one)).isEqualTo(MetricMessages.fingerprint(two));
        assertThat(MetricMessages.fingerprint(changed)).isNotEqualTo(MetricMessages.fingerprint(one));
    }
}
