package lens.ingest;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Runs the ingester as its own process until stopped (SIGTERM publishes in-flight files first):
 * {@code java -cp ... lens.ingest.IngesterMain --lens.kafka.bootstrap-servers=host:9092 --lens.lake.root=/data/lake}.
 */
public final class IngesterMain {

    private IngesterMain() {
    }

    public static void main(String[] args) {
        new SpringApplicationBuilder(IngestionApplication.class)
                .web(WebApplicationType.NONE)
                .properties("spring.main.keep-alive=true", "spring.application.name=lens-ingester",
                        // no web server: health and metrics over JMX (org.springframework.boot:type=Endpoint,...)
                        "spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=health,metrics,info",
                        "management.endpoint.health.show-details=always")
                .run(args);
    }
}
