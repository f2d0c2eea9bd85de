package lens.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import lens.events.Topic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class IngestPropertiesTest {

    private static IngestProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("lens.ingest", IngestProperties.class);
    }

    @Test
    void givenNothingConfigured_thenDefaultsCoverAllFiveTopicsWithSaneLimits() {
        IngestProperties props = bind(Map.of());
        assertThat(props.lensTopics()).containsExactly(Topic.values());
        assertThat(props.grace()).isEqualTo(Duration.ofMinutes(5));
        assertThat(props.idleTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(props.maxOpenWriters()).isEqualTo(32);
        assertThat(props.heartbeatInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(props.instanceId()).matches("[A-Za-z0-9_.-]+");
    }

    @Test
    void givenOverrides_thenTheyAreBoundWithUnits() {
        IngestProperties props = bind(Map.of("lens.ingest.grace", "90s", "lens.ingest.max-file-size", "16MB",
                "lens.ingest.topics", "user-interactions,model-metrics"));
        assertThat(props.grace()).isEqualTo(Duration.ofSeconds(90));
        assertThat(props.maxFileSize().toMegabytes()).isEqualTo(16);
        assertThat(props.lensTopics()).containsExactly(Topic.USER_INTERACTIONS, Topic.MODEL_METRICS);
    }

    @Test
    void givenAnUnknownTopicOrAZeroWriterBudget_thenBindingFailsWithTheKeyInTheMessage() {
        assertThatThrownBy(() -> bind(Map.of("lens.ingest.topics", "clicks")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("clicks");
        assertThatThrownBy(() -> bind(Map.of("lens.ingest.max-open-writers", "0")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("lens.ingest.max-open-writers");
    }

    @Test
    void givenADeadLetterValueCapAtOrAboveKafkasRequestLimit_thenBindingFailsNamingTheKey_andTheDefaultIsBelowIt() {
        assertThatThrownBy(() -> bind(Map.of("lens.ingest.dead-letter-max-value-size", "1MB")))
                .isInstanceOf(BindException.class).rootCause()
                .hasMessageContaining("lens.ingest.dead-letter-max-value-size");
        assertThat(bind(Map.of()).deadLetterMaxValueSize().toKilobytes()).isEqualTo(512);
    }

    @Test
    void givenAHeartbeatSlowerThanAThirdOfTheSession_thenBindingFailsNamingTheKey() {
        assertThatThrownBy(() -> bind(Map.of("lens.ingest.session-timeout", "30s",
                "lens.ingest.heartbeat-interval", "11s")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("lens.ingest.heartbeat-interval");
        assertThatThrownBy(() -> bind(Map.of("lens.ingest.heartbeat-interval", "50ms")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("lens.ingest.heartbeat-interval");
        assertThat(bind(Map.of("lens.ingest.session-timeout", "30s", "lens.ingest.heartbeat-interval", "10s"))
                .heartbeatInterval()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void givenAHeartbeatInterval_whenTheConsumersAreConfigured_thenKafkaGetsIt() {
        IngestProperties props = bind(Map.of("lens.ingest.heartbeat-interval", "700ms"));

        Map<String, Object> config = IngestionConfiguration.consumerConfig(
                new KafkaConnectionProperties("127.0.0.1:1"), props);

        assertThat(config).containsEntry(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 700)
                .containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 45_000);
    }

    @Test
    void givenAnIdleTimeout_thenIdlenessIsCheckedAtMostASecondApart_andAPollWaitsAQuarterOfThat() {
        IngestProperties quick = bind(Map.of("lens.ingest.idle-timeout", "200ms"));
        IngestProperties usual = bind(Map.of());

        assertThat(quick.idleCheckInterval()).isEqualTo(Duration.ofMillis(200));
        assertThat(quick.pollTimeout()).isEqualTo(Duration.ofMillis(50));
        assertThat(usual.idleCheckInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(usual.pollTimeout()).isEqualTo(Duration.ofMillis(250));
    }
}
