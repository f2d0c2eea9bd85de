package lens.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The JSON schemas users read under config/schemas are exactly what the validator enforces. */
class ContractFilesTest {

    private static final Path SCHEMAS = Path.of("..", "config", "schemas");

    @Test
    void givenTheContract_whenRendered_thenTheCommittedSchemaFilesMatch() throws IOException {
        for (Topic topic : Topic.values()) {
            Path file = SCHEMAS.resolve(JsonSchemaRenderer.fileName(topic));
            assertThat(file).as("schema for %s (regenerate: ./lens schemas)", topic).exists();
            assertThat(Files.readString(file))
                    .as("%s is stale; regenerate it with ./lens schemas", file)
                    .isEqualTo(JsonSchemaRenderer.render(topic.schema()));
        }
    }

    @Test
    void givenTheContract_whenDocumented_thenTheCommittedFieldTablesMatch() throws IOException {
        assertThat(Files.readString(SCHEMAS.resolve("README.md")))
                .as("config/schemas/README.md is stale; regenerate it with ./lens schemas")
                .isEqualTo(JsonSchemaRenderer.markdown());
    }

    @Test
    void givenAnHour_whenLaidOut_thenPathsAreHiveStyleAndNamesDeterministic() {
        EventHour hour = EventHour.parse("2026-11-29T08");

        assertThat(LakeLayout.hourDir(Topic.USER_INTERACTIONS, hour))
                .isEqualTo("events/topic=user-interactions/date=2026-11-29/hour=08");
        // the name is a function of topic, partition and offsets only, zero-padded so names sort by offset
        assertThat(LakeLayout.dataFileName(Topic.AB_TEST_EVENTS, 2, 10, 99))
                .isEqualTo("ab-test-events+2+00000000000000000010+00000000000000000099.parquet");
        assertThat(LakeLayout.dataFileName(Topic.AB_TEST_EVENTS, 2, 9, 99))
                .isLessThan(LakeLayout.dataFileName(Topic.AB_TEST_EVENTS, 2, 10, 99));
        assertThat(EventHour.of(hour.endMillis() - 1)).isEqualTo(hour);
        assertThat(EventHour.parse(hour.toString())).isEqualTo(hour);
    }

    @Test
    void givenTheJobs_whenTheirResultsAreLaidOut_thenServingMetricsGoUnderMetricsAndOtherJobsUnderTheirName() {
        EventHour hour = EventHour.parse("2026-11-29T08");

        assertThat(LakeLayout.summary("serving-metrics", hour))
                .isEqualTo("results/metrics/window=2026-11-29T08/summary.json");
        assertThat(LakeLayout.resultsDir("serving-metrics-daily", EventHour.parse("2026-11-29T00")))
                .isEqualTo("results/metrics-daily/window=2026-11-29T00");
        assertThat(LakeLayout.resultsDir("ab-report", hour)).isEqualTo("results/ab-report/window=2026-11-29T08");
    }
}
