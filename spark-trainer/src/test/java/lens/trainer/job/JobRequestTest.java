package lens.trainer.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import lens.events.EventHour;
import org.junit.jupiter.api.Test;

class JobRequestTest {

    private static JobRequest with(String key, String value) {
        return new JobRequest("/lake", "/work", EventHour.parse("2026-11-29T00"), Map.of(key, value));
    }

    @Test
    void givenGroupedDigits_whenRead_thenIntAndLongOptionsIgnoreTheSeparators() {
        assertThat(with("n", " 1_000 ").intOption("n", 0)).isEqualTo(1000);
        assertThat(with("n", "100_000_000").longOption("n", 0)).isEqualTo(100_000_000L);
    }

    @Test
    void givenAnAbsentOption_whenRead_thenTheDefaultIsUsed() {
        JobRequest request = with("other", "x");

        assertThat(request.intOption("n", 7)).isEqualTo(7);
        assertThat(request.doubleOption("d", 0.5)).isEqualTo(0.5);
        assertThat(request.booleanOption("b", true)).isTrue();
    }

    @Test
    void givenAValueThatIsNotANumber_whenRead_thenTheErrorNamesTheOption() {
        assertThatThrownBy(() -> with("explicit.rank", "forty").intOption("explicit.rank", 40))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("option explicit.rank must be an integer, got 'forty'");
        assertThatThrownBy(() -> with("gate.rmseTolerance", "1%").doubleOption("gate.rmseTolerance", 0.01))
                .hasMessageContaining("gate.rmseTolerance must be a number");
    }

    @Test
    void givenABooleanOtherThanTrueOrFalse_whenRead_thenItIsRefusedInsteadOfReadAsFalse() {
        assertThat(with("tune", "TRUE").booleanOption("tune", false)).isTrue();
        assertThat(with("tune", "false").booleanOption("tune", true)).isFalse();
        assertThatThrownBy(() -> with("tune", "yes").booleanOption("tune", false))
                .hasMessage("option tune must be true or false, got 'yes'");
    }
}
