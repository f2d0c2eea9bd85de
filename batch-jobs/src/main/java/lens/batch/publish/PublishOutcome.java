package lens.batch.publish;

/**
 * What publishing one (job, window, version) did.
 *
 * @param state         {@code SENT} now, {@code ALREADY_SENT} by an earlier execution (a restart),
 *                      {@code UNCHANGED} (same result as {@code sameAsVersion}: nothing sent)
 * @param version       the version the message carries
 * @param sameAsVersion for UNCHANGED, the version whose result this equals
 * @param partition     Kafka partition of the message, when one exists
 * @param offset        its offset
 */
public record PublishOutcome(State state, int version, Integer sameAsVersion, Integer partition, Long offset) {

    public enum State { SENT, ALREADY_SENT, UNCHANGED }

    public boolean sent() {
        return state == State.SENT;
    }

    public String describe() {
        return switch (state) {
            case SENT -> "sent v" + version + " to partition " + partition + " at offset " + offset;
            case ALREADY_SENT -> "v" + version + " was already sent (partition " + partition + ", offset " + offset + ")";
            case UNCHANGED -> "result equals v" + sameAsVersion + ": nothing sent";
        };
    }
}
