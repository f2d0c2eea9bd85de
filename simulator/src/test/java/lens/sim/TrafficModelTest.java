package lens.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import lens.events.EventHour;
import lens.events.EventJson;
import lens.events.EventValidator;
import lens.events.RecommendationResponse;
import lens.events.Topic;
import lens.events.Validation;
import org.junit.jupiter.api.Test;

class TrafficModelTest {

    private static final EventHour FIRST = EventHour.parse("2026-11-28T00");
    private final SimulationConfig config = SimulationConfig.defaults(FIRST, 4).withSize(100, 150, 800);
    private final EventValidator validator = new EventValidator(
            Clock.fixed(Instant.parse("2026-11-29T00:00:00Z"), ZoneOffset.UTC), Duration.ofHours(1), 64 * 1024);

    @Test
    void givenTheSameSeed_whenGeneratedTwice_thenTheMessagesAreIdentical() {
        Simulation first = TrafficModel.generate(config);
        Simulation second = TrafficModel.generate(config);

        assertThat(second.messages()).hasSameSizeAs(first.messages());
        for (int i = 0; i < first.messages().size(); i++) {
            assertThat(Arrays.equals(first.messages().get(i).value(), second.messages().get(i).value())).isTrue();
        }
        assertThat(TrafficModel.generate(config.withSeed(7)).messages().get(5).value())
                .isNotEqualTo(first.messages().get(5).value());
    }

    @Test
    void givenASimulation_whenValidated_thenExactlyTheMessagesMarkedValidPassAndCountsMatchTheTruth() {
        Simulation simulation = TrafficModel.generate(config);
        Map<String, Long> valid = new TreeMap<>();
        Map<String, Long> invalid = new TreeMap<>();
        Set<String> ids = new HashSet<>();

        for (SimulatedMessage message : simulation.messages()) {
            Validation result = validator.validate(message.topic(), message.value());
            assertThat(result instanceof Validation.Valid).as("%s %s", message.topic(), result)
                    .isEqualTo(message.valid());
            if (result instanceof Validation.Valid v) {
                assertThat(ids.add(v.eventId())).as("unique id %s", v.eventId()).isTrue();
                assertThat(v.timestamp()).isBetween(FIRST.startMillis(), FIRST.plusHours(4).startMillis() - 1);
                valid.merge(message.topic().topicName(), 1L, Long::sum);
            } else {
                invalid.merge(message.topic().topicName(), 1L, Long::sum);
            }
        }

        assertThat(valid).isEqualTo(simulation.truth().validPerTopic());
        assertThat(invalid).isEqualTo(simulation.truth().invalidPerTopic());
        assertThat(invalid.keySet()).hasSize(Topic.values().length);
    }

    @Test
    void givenPlantedTastes_whenRatingsAreDrawn_thenTheirErrorIsTheNoiseLevel() {
        PlantedTruth truth = TrafficModel.generate(config).truth();

        assertThat(truth.ratings()).isGreaterThan(500);
        // noise 0.5 plus rounding to half stars, less what clamping to [0.5, 5] removes
        assertThat(truth.oracleRmse()).isBetween(0.40, 0.60);
    }

    @Test
    void givenALateShare_whenPublished_thenLateEventsComeAfterLaterHoursEvents() {
        Simulation simulation = TrafficModel.generate(config.withShares(0.05, 0.0, 0.5));
        long maxSeen = Long.MIN_VALUE;
        int outOfOrder = 0;

        for (SimulatedMessage message : simulation.messages()) {
            if (message.late()) {
                assertThat(maxSeen).isGreaterThanOrEqualTo(message.timestamp() + 3_600_000L);
                outOfOrder++;
            }
            maxSeen = Math.max(maxSeen, message.timestamp());
        }
        assertThat(outOfOrder).isPositive();
        assertThat(simulation.truth().invalidPerTopic().values()).containsOnly(0L);
    }

    @Test
    void givenATruth_whenWrittenAndReadBack_thenItIsEqual(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        PlantedTruth truth = TrafficModel.generate(config).truth();

        truth.write(dir.resolve("truth.json"));

        assertThat(PlantedTruth.read(dir.resolve("truth.json"))).isEqualTo(truth);
    }

    @Test
    void givenAPlantedMismatch_whenAssigned_thenTheArmsAreSkewed() {
        PlantedTruth truth = TrafficModel.generate(config.withSize(2000, 150, 10).withShares(0, 0, 0.65)).truth();

        long treatment = truth.assignedPerArm().get(SimulationConfig.SRM_EXPERIMENT + "/treatment");
        long control = truth.assignedPerArm().get(SimulationConfig.SRM_EXPERIMENT + "/control");
        assertThat(treatment + control).isEqualTo(2000);
        assertThat(treatment / 2000.0).isBetween(0.61, 0.69);
        assertThat(truth.conversionRates().get(SimulationConfig.EXPERIMENT + "/treatment"))
                .isEqualTo(SimulationConfig.BASE_CONVERSION * 1.2, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void givenASimulation_whenServingIsTallied_thenEachHoursRequestsAndFailuresAreThoseOfThePublishedEvents()
            throws java.io.IOException {
        Simulation simulation = TrafficModel.generate(config);
        Map<String, long[]> published = new TreeMap<>();
        for (SimulatedMessage message : simulation.messages()) {
            if (!message.valid() || message.topic() != Topic.RECOMMENDATION_RESPONSES) {
                continue;
            }
            RecommendationResponse response = EventJson.mapper().readValue(message.value(),
                    RecommendationResponse.class);
            long[] counts = published.computeIfAbsent(EventHour.of(response.timestamp()).toString(), h -> new long[2]);
            counts[0]++;
            counts[1] += response.success() ? 0 : 1;
        }

        Map<String, PlantedTruth.ServedHour> served = simulation.truth().servedPerHour();
        assertThat(served.keySet()).isEqualTo(published.keySet()).hasSize(4);
        served.forEach((hour, s) -> {
            assertThat(s.requests()).as("requests of %s", hour).isEqualTo(published.get(hour)[0]);
            assertThat(s.failed()).as("failures of %s", hour).isEqualTo(published.get(hour)[1]).isPositive();
            assertThat(s.failedByKind().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(s.failed());
        });
        assertThat(served.values().stream().mapToLong(PlantedTruth.ServedHour::requests).sum())
                .isEqualTo(simulation.truth().validPerTopic().get(Topic.RECOMMENDATION_REQUESTS.topicName()));
    }
}
