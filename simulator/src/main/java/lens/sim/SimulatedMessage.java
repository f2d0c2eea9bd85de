package lens.sim;

import lens.events.Topic;

/**
 * One message as it will be published.
 *
 * @param timestamp Kafka record timestamp (the event time for valid events)
 * @param value     payload bytes; null for a tombstone
 * @param valid     whether the contract accepts it (false: it must end in the dead letters)
 * @param late      whether it is published after events of later hours
 */
public record SimulatedMessage(Topic topic, String key, byte[] value, long timestamp, boolean valid, boolean late) {
}
