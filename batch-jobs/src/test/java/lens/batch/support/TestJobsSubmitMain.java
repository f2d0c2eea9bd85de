package lens.batch.support;

import lens.trainer.SparkJobMain;

/** spark-submit entry point of the tests: registers the test jobs, then is {@link SparkJobMain}. */
public final class TestJobsSubmitMain {

    private TestJobsSubmitMain() {
    }

    public static void main(String[] args) {
        HourCountJob.register();
        SparkJobMain.main(args);
    }
}
