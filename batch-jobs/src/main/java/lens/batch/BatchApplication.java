package lens.batch;

import java.time.Clock;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;

/**
 * The batch side: hourly Spring Batch jobs over the Spark jobs, their Quartz schedule, backfills. The CLI starts
 * it with {@link #builder()}; defaults that make it a good citizen inside a CLI (no web server, no job run at
 * startup) come from {@code lens/batch/batch-defaults.properties}, which any user configuration overrides.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@PropertySource("classpath:lens/batch/batch-defaults.properties")
public class BatchApplication {

    public static void main(String[] args) {
        builder().run(args);
    }

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(BatchApplication.class).web(WebApplicationType.NONE);
    }

    /** Time as the scheduler sees it; tests replace it to simulate downtime. */
    @Bean
    @ConditionalOnMissingBean
    public Clock clock() {
        return Clock.systemUTC();
    }
}
