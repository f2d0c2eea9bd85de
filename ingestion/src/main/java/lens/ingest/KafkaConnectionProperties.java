package lens.ingest;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code lens.kafka.bootstrap-servers}: the cluster to ingest from (the CLI passes its embedded broker's). */
@ConfigurationProperties("lens.kafka")
public record KafkaConnectionProperties(@DefaultValue("127.0.0.1:9092") String bootstrapServers) {

    public KafkaConnectionProperties {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("lens.kafka.bootstrap-servers must not be blank");
        }
    }
}
