package lens.ingest.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import lens.events.Topic;
import org.junit.jupiter.api.Test;

class IngestMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final IngestMetrics metrics = new IngestMetrics(registry);

    private double lagGauge(Topic topic) {
        return registry.get("lens.ingest.consumer.lag").tag("topic", topic.topicName()).gauge().value();
    }

    @Test
    void givenTwoConsumerThreads_whenEachReportsItsLag_thenTheGaugeIsTheirSum() {
        metrics.lag("ingester-c0", Topic.USER_INTERACTIONS, 120);
        metrics.lag("ingester-c1", Topic.USER_INTERACTIONS, 30);

        assertThat(lagGauge(Topic.USER_INTERACTIONS)).isEqualTo(150);
    }

    @Test
    void givenAConsumerThatCaughtUp_whenItReportsAgain_thenItsEarlierLagNoLongerCounts() {
        metrics.lag("ingester-c0", Topic.USER_INTERACTIONS, 120);
        metrics.lag("ingester-c1", Topic.USER_INTERACTIONS, 30);

        metrics.lag("ingester-c0", Topic.USER_INTERACTIONS, 0);

        assertThat(lagGauge(Topic.USER_INTERACTIONS)).isEqualTo(30);
    }

    @Test
    void givenLagOnOneTopic_whenAnotherTopicIsRead_thenTheTopicsAreApart() {
        metrics.lag("ingester-c0", Topic.USER_INTERACTIONS, 120);
        metrics.lag("ingester-c0", Topic.AB_TEST_EVENTS, 7);

        assertThat(lagGauge(Topic.USER_INTERACTIONS)).isEqualTo(120);
        assertThat(lagGauge(Topic.AB_TEST_EVENTS)).isEqualTo(7);
    }
}
