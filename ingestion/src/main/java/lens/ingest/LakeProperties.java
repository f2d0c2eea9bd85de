package lens.ingest;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code lens.lake.*}: where the lake lives.
 *
 * @param root   a local path or an {@code hdfs://} / {@code s3a://} URI; unset: {@code <lens.workdir>/lake}, where
 *               {@code lens.workdir} defaults to {@code ./lens-data}
 * @param hadoop extra Hadoop settings for that file system, e.g. {@code lens.lake.hadoop[fs.s3a.endpoint]=...}
 */
@ConfigurationProperties("lens.lake")
public record LakeProperties(String root, Map<String, String> hadoop) {

    public LakeProperties {
        hadoop = hadoop == null ? Map.of() : Map.copyOf(hadoop);
    }

    public String rootOrDefault(String workdir) {
        if (root != null && !root.isBlank()) {
            return root;
        }
        return (workdir == null || workdir.isBlank() ? "./lens-data" : workdir) + "/lake";
    }
}
