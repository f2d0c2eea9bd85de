package lens.ingest.validation;

/**
 * The fast path's "not sure": thrown wherever the scan meets something it does not handle, caught once by
 * {@link FastPathValidator}, and the canonical validator decides. One shared instance without a stack trace, so
 * giving up costs no more than a jump: unusual events (extras, escapes) must not make the fast path slow.
 */
final class AskCanonical extends RuntimeException {

    static final AskCanonical INSTANCE = new AskCanonical();

    private AskCanonical() {
        super("the canonical validator decides", null, false, false);
    }
}
