package lens.cli.boot;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the Spring Boot applications (ingester, scheduler) inside the CLI's JVM with the command's settings.
 * Users' configuration comes from {@code <lens.home>/config/application*.yml}; command-line options win.
 */
public final class LensApps {

    private LensApps() {
    }

    public static ConfigurableApplicationContext start(Class<?> application, Path workdir, String bootstrapServers,
                                                       Map<String, Object> extra, String... args) {
        Map<String, Object> properties = new LinkedHashMap<>();
        String home = System.getProperty("lens.home", ".");
        properties.put("spring.config.additional-location", "optional:file:" + Path.of(home, "config") + "/");
        properties.put("lens.workdir", workdir.toString());
        properties.put("lens.lake.root", workdir.resolve("lake").toString());
        properties.put("lens.kafka.bootstrap-servers", bootstrapServers);
        properties.put("logging.file.name", workdir.resolve("logs").resolve("lens.log").toString());
        properties.put("logging.threshold.console", System.getProperty("lens.console.log-level", "ERROR"));
        properties.put("spring.main.register-shutdown-hook", "true");
        properties.putAll(extra);
        return new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties(properties)
                .run(args);
    }

    /** Blocks until the JVM is asked to stop (Ctrl-C, SIGTERM). */
    public static void awaitShutdown() {
        java.util.concurrent.CountDownLatch stop = new java.util.concurrent.CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "lens-stop"));
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
