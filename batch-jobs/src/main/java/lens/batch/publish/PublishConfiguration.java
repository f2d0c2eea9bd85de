package lens.batch.publish;

import java.time.Clock;
import javax.sql.DataSource;
import lens.batch.config.PipelineProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Publishing summaries to {@code model-metrics}. */
@Configuration(proxyBeanMethods = false)
public class PublishConfiguration {

    @Bean
    public PublicationLedger publicationLedger(DataSource dataSource, Clock clock) {
        return new PublicationLedger(dataSource, clock);
    }

    @Bean(destroyMethod = "close")
    public ModelMetricsPublisher modelMetricsPublisher(PipelineProperties pipeline, PublicationLedger ledger) {
        return new ModelMetricsPublisher(pipeline, ledger);
    }
}
