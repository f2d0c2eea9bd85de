package lens.batch.hourly;

import java.util.List;

/** The four steps of every hourly job, in order. */
public final class StepNames {

    public static final String AWAIT_INPUT = "await-input";
    public static final String RUN_SPARK = "run-spark";
    public static final String VALIDATE_RESULT = "validate-result";
    public static final String PUBLISH_SUMMARY = "publish-summary";
    public static final List<String> ALL = List.of(AWAIT_INPUT, RUN_SPARK, VALIDATE_RESULT, PUBLISH_SUMMARY);

    private StepNames() {
    }
}
