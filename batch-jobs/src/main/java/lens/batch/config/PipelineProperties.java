package lens.batch.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The pipeline-wide settings the batch side reads (shared prefixes of the project): where the work directory and
 * the lake are, and which Kafka cluster to publish to.
 *
 * @param workdir work directory ({@code lens.workdir}, default {@code ./lens-data})
 * @param lake    {@code lens.lake.root}: lake root, default {@code <workdir>/lake}
 * @param kafka   {@code lens.kafka.bootstrap-servers}: where {@code model-metrics} is published
 */
@ConfigurationProperties("lens")
public record PipelineProperties(@DefaultValue("./lens-data") Path workdir, @DefaultValue Lake lake,
                                 @DefaultValue Kafka kafka) {

    public record Lake(String root) {
    }

    public record Kafka(String bootstrapServers) {
    }

    public Path workdirPath() {
        return workdir.toAbsolutePath().normalize();
    }

    /** The lake root as a string (a local path or a Hadoop URI). */
    public String lakeRoot() {
        if (lake.root() == null || lake.root().isBlank()) {
            return workdirPath().resolve("lake").toString();
        }
        return lake.root();
    }

    /** The lake as a local path; the batch side checks manifests on the local file system. */
    public Path localLakeRoot() {
        String root = lakeRoot();
        if (root.startsWith("file:")) {
            return Path.of(java.net.URI.create(root));
        }
        if (root.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
            throw new IllegalStateException("lens.lake.root=" + root + " is not local; the input-completeness "
                    + "check reads _MANIFEST.json from a local lake only");
        }
        return Path.of(root).toAbsolutePath().normalize();
    }

    public String bootstrapServers() {
        if (kafka.bootstrapServers() == null || kafka.bootstrapServers().isBlank()) {
            throw new IllegalStateException("lens.kafka.bootstrap-servers is not set: the batch jobs publish "
                    + "their summaries to model-metrics and need a broker");
        }
        return kafka.bootstrapServers();
    }
}
