package lens.batch.hourly;

/** A Spark job's summary failed validation; nothing is published. */
public class InvalidResultException extends RuntimeException {

    public InvalidResultException(String message) {
        super(message);
    }
}
