package lens.trainer.ab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Which pre-assignment activity each metric is adjusted with, per {@code ab.cuped.covariate}. */
class CupedCovariateTest {

    @Test
    void givenNoSetting_whenParsed_thenEachMetricUsesItsOwnTypeAndConversionsAllActivity() {
        CupedCovariate covariate = CupedCovariate.parse(null);

        assertThat(covariate.setting()).isEqualTo("matching");
        assertThat(covariate.preActivityOf(MetricKind.VIEWS)).isEqualTo("VIEW");
        assertThat(covariate.preActivityOf(MetricKind.RATINGS)).isEqualTo("RATE");
        assertThat(covariate.preActivityOf(MetricKind.CONVERSION)).isEqualTo(CupedCovariate.ALL_ACTIVITY);
        assertThat(covariate.preActivityOf(MetricKind.CONVERSION_VALUE)).isEqualTo(CupedCovariate.ALL_ACTIVITY);
    }

    @Test
    void givenActivity_whenParsed_thenEveryMetricUsesAllInteractions() {
        CupedCovariate covariate = CupedCovariate.parse("activity");

        for (MetricKind kind : MetricKind.values()) {
            assertThat(covariate.preActivityOf(kind)).as("%s", kind).isEqualTo(CupedCovariate.ALL_ACTIVITY);
        }
    }

    @Test
    void givenOneInteractionType_whenParsed_thenEveryMetricUsesThatType() {
        CupedCovariate covariate = CupedCovariate.parse(" Clicks ");

        assertThat(covariate.setting()).isEqualTo("clicks");
        for (MetricKind kind : MetricKind.values()) {
            assertThat(covariate.preActivityOf(kind)).as("%s", kind).isEqualTo("CLICK");
        }
    }

    @Test
    void givenAnUnknownOrNonInteractionSetting_whenParsed_thenTheErrorListsTheChoices() {
        assertThatThrownBy(() -> CupedCovariate.parse("conversion"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("matching, activity, views, clicks, ratings, bookmarks, searches");
        assertThatThrownBy(() -> CupedCovariate.parse("likes")).isInstanceOf(IllegalArgumentException.class);
    }
}
