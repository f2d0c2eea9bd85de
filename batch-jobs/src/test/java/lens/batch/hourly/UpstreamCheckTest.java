package lens.batch.hourly;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lens.batch.support.TestProps;
import lens.events.EventHour;
import lens.events.HourManifest;
import lens.events.LakeLayout;
import lens.events.Topic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;

class UpstreamCheckTest {

    static final String HOURLY = "serving-metrics";
    static final String DAILY = "serving-metrics-daily";
    static final EventHour DAY = EventHour.parse("2026-11-29T00");

    @TempDir
    Path lake;

    final Map<EventHour, UpstreamCheck.LatestRun> runs = new HashMap<>();
    final UpstreamCheck check = new UpstreamCheck(TestProps.of(List.of(HOURLY, DAILY), Map.of()), (job, hour) ->
            job.equals(HOURLY) ? Optional.ofNullable(runs.get(hour)) : Optional.empty());

    @Test
    void givenEveryHourWithInputCompleted_whenChecked_thenCompleteWithEachHoursVersionAndHoursWithoutInputLeftOut()
            throws Exception {
        complete(DAY.plusHours(3));
        complete(DAY.plusHours(23));
        runs.put(DAY.plusHours(3), new UpstreamCheck.LatestRun(2, BatchStatus.COMPLETED));
        runs.put(DAY.plusHours(23), new UpstreamCheck.LatestRun(1, BatchStatus.COMPLETED));
        // an empty hour: its scheduled run waited for manifests that never came
        runs.put(DAY.plusHours(5), new UpstreamCheck.LatestRun(1, BatchStatus.FAILED));

        UpstreamCheck.Status status = check.check(lake, DAILY, DAY);

        assertThat(status.complete()).isTrue();
        assertThat(status.versions()).containsExactly(Map.entry("serving-metrics@2026-11-29T03", 2),
                Map.entry("serving-metrics@2026-11-29T23", 1));
    }

    @Test
    void givenAnHourWithInputNotRunYetAndOneRunning_whenChecked_thenPendingNamingBoth() throws Exception {
        complete(DAY.plusHours(1));
        complete(DAY.plusHours(2));
        complete(DAY.plusHours(4));
        runs.put(DAY.plusHours(1), new UpstreamCheck.LatestRun(1, BatchStatus.COMPLETED));
        runs.put(DAY.plusHours(2), new UpstreamCheck.LatestRun(2, BatchStatus.STARTED));

        UpstreamCheck.Status status = check.check(lake, DAILY, DAY);

        assertThat(status.complete()).isFalse();
        assertThat(status.blocked()).isFalse();
        assertThat(status.pending()).containsExactly("serving-metrics@2026-11-29T02 v2 running",
                "serving-metrics@2026-11-29T04 (not run)");
    }

    @Test
    void givenAnHourWithInputWhoseRunFailed_whenChecked_thenBlocked() throws Exception {
        complete(DAY.plusHours(7));
        runs.put(DAY.plusHours(7), new UpstreamCheck.LatestRun(1, BatchStatus.FAILED));

        UpstreamCheck.Status status = check.check(lake, DAILY, DAY);

        assertThat(status.blocked()).isTrue();
        assertThat(status.failed()).containsExactly("serving-metrics@2026-11-29T07 v1 FAILED");
    }

    @Test
    void givenADayWithoutAnyInput_whenChecked_thenNotCompleteRatherThanAnEmptyRollUp() {
        UpstreamCheck.Status status = check.check(lake, DAILY, DAY);

        assertThat(status.complete()).isFalse();
        assertThat(status.blocked()).isFalse();
        assertThat(status.pending()).singleElement().asString().contains("none has complete input");
    }

    @Test
    void givenInputAndRunStates_whenClassified_thenDoneWinsNoInputIsSkippedAndOnlyAFinishedFailureBlocks() {
        assertThat(UpstreamCheck.state(false, Optional.of(BatchStatus.COMPLETED)))
                .isEqualTo(UpstreamCheck.HourState.DONE);
        assertThat(UpstreamCheck.state(false, Optional.of(BatchStatus.FAILED)))
                .isEqualTo(UpstreamCheck.HourState.NO_INPUT);
        assertThat(UpstreamCheck.state(false, Optional.empty())).isEqualTo(UpstreamCheck.HourState.NO_INPUT);
        assertThat(UpstreamCheck.state(true, Optional.empty())).isEqualTo(UpstreamCheck.HourState.PENDING);
        assertThat(UpstreamCheck.state(true, Optional.of(BatchStatus.STARTED)))
                .isEqualTo(UpstreamCheck.HourState.PENDING);
        assertThat(UpstreamCheck.state(true, Optional.of(BatchStatus.STOPPED)))
                .isEqualTo(UpstreamCheck.HourState.FAILED);
        assertThat(UpstreamCheck.state(true, Optional.of(BatchStatus.ABANDONED)))
                .isEqualTo(UpstreamCheck.HourState.FAILED);
    }

    private void complete(EventHour hour) throws Exception {
        for (Topic topic : List.of(Topic.RECOMMENDATION_REQUESTS, Topic.RECOMMENDATION_RESPONSES)) {
            Path file = lake.resolve(LakeLayout.manifest(topic, hour));
            Files.createDirectories(file.getParent());
            Files.write(file, new HourManifest(topic.topicName(), hour.toString(), 1, 10, 0, List.of(), Map.of(),
                    hour.end().toString()).toJson());
        }
    }
}
