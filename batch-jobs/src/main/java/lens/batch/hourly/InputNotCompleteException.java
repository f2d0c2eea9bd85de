package lens.batch.hourly;

/** The input hour did not become complete within the configured timeout. */
public class InputNotCompleteException extends RuntimeException {

    public InputNotCompleteException(String message) {
        super(message);
    }
}
