package lens.batch.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import lens.batch.runs.RunMode;
import lens.batch.runs.RunOutcome;
import lens.batch.runs.RunStatus;
import lens.batch.runs.WindowRunner;
import lens.batch.support.BatchTestContext;
import lens.batch.support.HourCountJob;
import lens.batch.support.TestBroker;
import lens.events.EventHour;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class LateDataTest extends BatchTestContext {

    @Autowired
    WindowRunner runner;
    @Autowired
    LateDataRerunner lateData;

    @Test
    void givenALateEventForACompleteHour_whenChecked_thenThatHourGetsASecondVersionAndNeighboursDoNot() {
        // Within the look-back of "now", as the scheduler's check sees it.
        EventHour late = EventHour.containing(Instant.now()).plusHours(-6);
        EventHour neighbour = late.plusHours(1);
        lake().landHour(late, 30, 3);
        lake().landHour(neighbour, 20, 2);
        for (EventHour hour : List.of(late, neighbour)) {
            for (String job : List.of(HourCountJob.COUNT, HourCountJob.RATE)) {
                assertThat(runner.run(job, hour, RunMode.ONCE, "test", Duration.ZERO).status())
                        .isEqualTo(RunStatus.COMPLETED);
            }
        }
        assertThat(lateData.check()).as("nothing is late yet").isEmpty();

        lake().landLate(late, 4);
        List<RunOutcome> reruns = lateData.check();

        assertThat(reruns).extracting(RunOutcome::job, RunOutcome::window, RunOutcome::version, RunOutcome::status)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(HourCountJob.COUNT, late, 2, RunStatus.COMPLETED),
                        org.assertj.core.groups.Tuple.tuple(HourCountJob.RATE, late, 2, RunStatus.COMPLETED));
        List<TestBroker.Published> lateCounts = messages(HourCountJob.COUNT, late);
        assertThat(lateCounts).extracting(p -> p.metric().version()).containsExactly(1, 2);
        assertThat(lateCounts.get(1).metric().metrics()).containsEntry("rows", 37.0).containsEntry("conversion_count", 7.0);
        assertThat(messages(HourCountJob.COUNT, neighbour)).extracting(p -> p.metric().version()).containsExactly(1);
        assertThat(messages(HourCountJob.RATE, neighbour)).extracting(p -> p.metric().version()).containsExactly(1);
        assertThat(lateData.check()).as("the new version read the new revision").isEmpty();
    }

    static List<TestBroker.Published> messages(String job, EventHour hour) {
        return TestBroker.modelMetrics(job).stream().filter(p -> p.metric().window().equals(hour.toString()))
                .sorted(java.util.Comparator.comparing(p -> p.metric().version())).toList();
    }
}
