package lens.ingest;

import lens.ingest.compaction.AutoCompactionProperties;
import lens.ingest.compaction.CompactionProperties;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The ingester as a Spring Boot application, without a web server: start it with
 * {@code new SpringApplicationBuilder(IngestionApplication.class).web(WebApplicationType.NONE).properties(...)}.
 * Health ({@code kafka}, {@code lake}) and metrics are Actuator endpoints; {@link IngesterMain} exposes them over
 * JMX. Boot's own
 * Kafka auto-configuration is off: the ingester reads only {@code lens.kafka.*}. No component scan: every
 * bean is declared in {@link IngestionConfiguration}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(exclude = KafkaAutoConfiguration.class)
@EnableConfigurationProperties({IngestProperties.class, LakeProperties.class, KafkaConnectionProperties.class,
        CompactionProperties.class, AutoCompactionProperties.class})
@Import(IngestionConfiguration.class)
public class IngestionApplication {
}
