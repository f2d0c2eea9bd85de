package lens.batch.hourly;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lens.events.EventHour;
import lens.events.HourManifest;
import lens.events.LakeLayout;
import lens.events.Topic;

/** Whether an hour of a job's input topics is complete: every topic's {@code _MANIFEST.json} exists. */
public final class InputCheck {

    /**
     * @param revisions manifest revision per topic found
     * @param missing   manifests not there yet, as lake-relative paths
     */
    public record Status(Map<String, Integer> revisions, List<String> missing) {
        public boolean complete() {
            return missing.isEmpty();
        }
    }

    private InputCheck() {
    }

    public static Status check(Path lakeRoot, List<Topic> topics, EventHour hour) {
        Map<String, Integer> revisions = new TreeMap<>();
        List<String> missing = new ArrayList<>();
        for (Topic topic : topics) {
            HourManifest.readLocal(lakeRoot, topic, hour).ifPresentOrElse(
                    manifest -> revisions.put(topic.topicName(), manifest.revision()),
                    () -> missing.add(LakeLayout.manifest(topic, hour)));
        }
        return new Status(revisions, missing);
    }
}
