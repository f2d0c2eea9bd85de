package lens.batch.hourly;

/**
 * The input is not complete: manifests or upstream results missing after the configured timeout, or an upstream
 * run failed.
 */
public class InputNotCompleteException extends RuntimeException {

    public InputNotCompleteException(String message) {
        super(message);
    }
}
