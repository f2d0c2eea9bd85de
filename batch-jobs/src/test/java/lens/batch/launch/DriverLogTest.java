package lens.batch.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DriverLogTest {

    @Test
    void givenAStandaloneDriverLog_whenRead_thenTheApplicationIdAndTheResultAreFound() {
        List<String> lines = List.of(
                "10:00:01 INFO StandaloneSchedulerBackend - Connected to Spark cluster with app ID app-20261129100001-0003",
                "noise",
                "LENS_JOB_RESULT {\"job\":\"ab-report\",\"window\":\"2026-11-29T08:00Z\",\"metrics\":{\"users\":3.0},"
                        + "\"details\":{},\"outputs\":[]}");

        assertThat(DriverLog.applicationId(lines)).contains("app-20261129100001-0003");
        assertThat(DriverLog.result(lines)).hasValueSatisfying(r -> {
            assertThat(r.job()).isEqualTo("ab-report");
            assertThat(r.metrics()).containsEntry("users", 3.0);
        });
    }

    @Test
    void givenYarnAndNoResultLine_whenRead_thenTheYarnIdIsFoundAndNoResult() {
        List<String> lines = List.of("Submitted application application_1764400000000_0042");

        assertThat(DriverLog.applicationId(lines)).contains("application_1764400000000_0042");
        assertThat(DriverLog.result(lines)).isEmpty();
        assertThat(DriverLog.tail(lines, 5)).isEqualTo(lines.get(0));
    }
}
