package lens.sim;

import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import lens.events.EventJson;

/**
 * What the simulation planted, for the quality tests to measure against.
 *
 * @param validPerTopic      valid events per topic name (what the lake must hold)
 * @param invalidPerTopic    malformed messages per topic name (what the dead letters must hold)
 * @param latePerTopic       valid events published out of order, after later hours' events
 * @param ratings            rate events
 * @param oracleRmse         RMSE of the published ratings against the planted expected ratings: the floor no
 *                           model can beat on this data
 * @param conversionRates    planted conversion probability per "experiment/arm"
 * @param assignedPerArm     units assigned per "experiment/arm"
 * @param treatmentLift      planted relative lift of {@link SimulationConfig#EXPERIMENT}'s treatment
 * @param servedPerHour      per event hour ({@link lens.events.EventHour#toString()}): the recommendation
 *                           requests published and how their responses went
 */
public record PlantedTruth(SimulationConfig config, Map<String, Long> validPerTopic, Map<String, Long> invalidPerTopic,
                           Map<String, Long> latePerTopic, long ratings, double oracleRmse,
                           Map<String, Double> conversionRates, Map<String, Long> assignedPerArm,
                           double treatmentLift, Map<String, ServedHour> servedPerHour) {

    /**
     * One hour of serving as published (every request gets one response in the same hour).
     *
     * @param requests      recommendation requests
     * @param failed        responses with {@code success=false}
     * @param failedByKind  failed responses per {@code errorKind}
     * @param maxLatencyMs  the largest response latency
     */
    public record ServedHour(long requests, long failed, Map<String, Long> failedByKind, double maxLatencyMs) {
    }

    public void write(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, EventJson.mapper().writer(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(this));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static PlantedTruth read(Path file) {
        try {
            return EventJson.mapper().readValue(file.toFile(), PlantedTruth.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
