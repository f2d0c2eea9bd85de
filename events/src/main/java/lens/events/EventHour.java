package lens.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * One UTC hour of event time: the unit the lake is partitioned by and the window a job runs for.
 * Written {@code 2026-11-29T08:00Z}; parsed from that, {@code 2026-11-29T08}, or any ISO instant.
 */
public record EventHour(Instant start) implements Comparable<EventHour> {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE;

    public EventHour {
        if (!start.truncatedTo(ChronoUnit.HOURS).equals(start)) {
            throw new IllegalArgumentException(start + " is not the start of an hour");
        }
    }

    public static EventHour of(long epochMillis) {
        return new EventHour(Instant.ofEpochMilli(epochMillis).truncatedTo(ChronoUnit.HOURS));
    }

    public static EventHour containing(Instant instant) {
        return new EventHour(instant.truncatedTo(ChronoUnit.HOURS));
    }

    @JsonCreator
    public static EventHour parse(String text) {
        String value = text.trim();
        try {
            if (value.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}")) {
                return new EventHour(LocalDateTime.parse(value + ":00").toInstant(ZoneOffset.UTC));
            }
            if (value.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}")) {
                return new EventHour(LocalDateTime.parse(value).toInstant(ZoneOffset.UTC));
            }
            return new EventHour(java.time.OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an ISO hour: '" + text + "' (expected e.g. 2026-11-29T08:00Z)", e);
        }
    }

    public Instant end() {
        return start.plus(Duration.ofHours(1));
    }

    public long startMillis() {
        return start.toEpochMilli();
    }

    public long endMillis() {
        return end().toEpochMilli();
    }

    public boolean contains(long epochMillis) {
        return epochMillis >= startMillis() && epochMillis < endMillis();
    }

    public EventHour plusHours(long hours) {
        return new EventHour(start.plus(Duration.ofHours(hours)));
    }

    public LocalDate date() {
        return LocalDate.ofInstant(start, ZoneOffset.UTC);
    }

    public int hourOfDay() {
        return start.atOffset(ZoneOffset.UTC).getHour();
    }

    /** The Hive-style partition path: {@code date=2026-11-29/hour=08}. */
    public String partitionPath() {
        return "date=" + DATE.format(date()) + "/hour=" + String.format("%02d", hourOfDay());
    }

    /** A compact id usable in file names and Spring Batch parameters: {@code 2026-11-29T08}. */
    public String id() {
        return DATE.format(date()) + "T" + String.format("%02d", hourOfDay());
    }

    @Override
    public int compareTo(EventHour other) {
        return start.compareTo(other.start);
    }

    @JsonValue
    @Override
    public String toString() {
        return DATE.format(date()) + "T" + String.format("%02d", hourOfDay()) + ":00Z";
    }
}
