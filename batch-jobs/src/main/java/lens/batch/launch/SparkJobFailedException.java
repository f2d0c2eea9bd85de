package lens.batch.launch;

/** A Spark job that did not produce a result; the message says where to look. */
public class SparkJobFailedException extends RuntimeException {

    public SparkJobFailedException(String message) {
        super(message);
    }

    public SparkJobFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
