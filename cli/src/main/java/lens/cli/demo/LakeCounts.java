package lens.cli.demo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.nio.file.Path;
import lens.events.EventHour;
import lens.events.HourManifest;
import lens.events.Topic;

/** Rows landed per topic over a range of hours, as the hours' manifests declare them. */
public final class LakeCounts {

    private LakeCounts() {
    }

    public static Map<Topic, Long> rowsPerTopic(Path lake, EventHour from, EventHour to) {
        Map<Topic, Long> rows = new LinkedHashMap<>();
        for (Topic topic : Topic.values()) {
            long total = 0;
            for (EventHour hour = from; hour.compareTo(to) <= 0; hour = hour.plusHours(1)) {
                Optional<HourManifest> manifest = HourManifest.readLocal(lake, topic, hour);
                total += manifest.map(HourManifest::rows).orElse(0L);
            }
            rows.put(topic, total);
        }
        return rows;
    }
}
