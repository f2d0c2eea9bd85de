package lens.ingest.landing;

import lens.events.InvalidReason;
import lens.events.Topic;

/** A message that failed validation, with where it came from and why. */
public record BadRecord(Topic topic, int partition, long offset, long kafkaTimestamp, byte[] key, byte[] value,
                        InvalidReason reason, String detail) {
}
