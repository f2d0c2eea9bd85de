package lens.batch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchedulePropertiesTest {

    @Test
    void givenNoCronForAJob_whenAsked_thenItFiresHourlyAtTheOffsetMinute() {
        ScheduleProperties schedule = new ScheduleProperties(true, Duration.ofMinutes(15),
                Map.of("als-retrain", "0 30 */6 * * ?"), Duration.ofHours(48), Duration.ofMinutes(5),
                Duration.ofHours(48));

        assertThat(schedule.cronOf("serving-metrics")).isEqualTo("0 15 * * * ?");
        assertThat(schedule.cronOf("als-retrain")).isEqualTo("0 30 */6 * * ?");
    }

    @Test
    void givenAnOffsetOfAnHourOrMore_whenBound_thenItIsRejected() {
        assertThatThrownBy(() -> new ScheduleProperties(true, Duration.ofMinutes(60), Map.of(), Duration.ofHours(1),
                Duration.ofMinutes(5), Duration.ofHours(1))).hasMessageContaining("lens.schedule.offset");
    }
}
