package lens.batch.hourly;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lens.events.EventHour;
import lens.events.HourManifest;
import lens.events.LakeLayout;
import lens.events.Topic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputCheckTest {

    @TempDir
    Path lake;

    final EventHour hour = EventHour.parse("2026-11-29T08");

    @Test
    void givenOneOfTwoManifests_whenChecked_thenIncompleteNamingTheMissingOne() throws Exception {
        writeManifest(Topic.RECOMMENDATION_REQUESTS, 3);

        InputCheck.Status status = InputCheck.check(lake,
                List.of(Topic.RECOMMENDATION_REQUESTS, Topic.RECOMMENDATION_RESPONSES), hour);

        assertThat(status.complete()).isFalse();
        assertThat(status.missing()).containsExactly(LakeLayout.manifest(Topic.RECOMMENDATION_RESPONSES, hour));
        assertThat(status.revisions()).containsExactly(Map.entry("recommendation-requests", 3));
    }

    @Test
    void givenEveryManifest_whenChecked_thenCompleteWithEachRevision() throws Exception {
        writeManifest(Topic.AB_TEST_EVENTS, 2);

        InputCheck.Status status = InputCheck.check(lake, List.of(Topic.AB_TEST_EVENTS), hour);

        assertThat(status.complete()).isTrue();
        assertThat(status.revisions()).containsExactly(Map.entry("ab-test-events", 2));
    }

    private void writeManifest(Topic topic, int revision) throws Exception {
        Path file = lake.resolve(LakeLayout.manifest(topic, hour));
        Files.createDirectories(file.getParent());
        Files.write(file, new HourManifest(topic.topicName(), hour.toString(), revision, 10, 0, List.of(), Map.of(),
                "2026-11-29T09:10:00Z").toJson());
    }
}
