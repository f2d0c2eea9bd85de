package lens.ingest.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lens.ingest.IngestionApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;

/** Starts the ingester the way the CLI does: a Spring Boot app with properties, no web server. */
public final class Ingesters {

    private Ingesters() {
    }

    public static ConfigurableApplicationContext start(String bootstrap, Path lake, String... extraProperties) {
        return builder(bootstrap, lake, extraProperties).run();
    }

    /**
     * As {@link #start}, but the consumers wait for the caller to start the listener container (the bean
     * {@code ingestContainer}): a benchmark lets the application's start-up settle before it times the landing.
     */
    public static ConfigurableApplicationContext startWithConsumersStopped(String bootstrap, Path lake,
                                                                           String... extraProperties) {
        return builder(bootstrap, lake, extraProperties)
                .initializers(context -> context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
                    @Override
                    public Object postProcessBeforeInitialization(Object bean, String name) {
                        if (bean instanceof AbstractMessageListenerContainer<?, ?> container) {
                            container.setAutoStartup(false);
                        }
                        return bean;
                    }
                }))
                .run();
    }

    /** As {@link #start}, judging time by {@code clock} (validation, idleness, file age) instead of the wall clock. */
    public static ConfigurableApplicationContext startWithClock(String bootstrap, Path lake, java.time.Clock clock,
                                                                String... extraProperties) {
        return builder(bootstrap, lake, extraProperties)
                .initializers(context -> context.getBeanFactory().registerSingleton("ingestClock", clock))
                .run();
    }

    private static SpringApplicationBuilder builder(String bootstrap, Path lake, String... extraProperties) {
        List<String> properties = new ArrayList<>(List.of(
                "lens.kafka.bootstrap-servers=" + bootstrap,
                "lens.lake.root=" + lake,
                "lens.ingest.idle-timeout=1s",
                "lens.ingest.grace=1m",
                "spring.jmx.enabled=false",
                "spring.main.banner-mode=off"));
        properties.addAll(List.of(extraProperties));
        return new SpringApplicationBuilder(IngestionApplication.class)
                .web(WebApplicationType.NONE)
                .properties(properties.toArray(String[]::new));
    }
}
