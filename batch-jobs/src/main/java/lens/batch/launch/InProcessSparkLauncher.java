package lens.batch.launch;

import java.time.Duration;
import java.time.Instant;
import lens.trainer.job.JobRequest;
import lens.trainer.job.JobResult;
import lens.trainer.job.SparkJobRunner;
import org.apache.spark.sql.SparkSession;

/** Runs jobs on this JVM's shared local SparkSession; concurrent runs share its executors. */
public class InProcessSparkLauncher implements SparkJobLauncher {

    private final SharedSparkSession spark;

    public InProcessSparkLauncher(SharedSparkSession spark) {
        this.spark = spark;
    }

    @Override
    public LaunchOutcome launch(String job, JobRequest request) {
        Instant start = Instant.now();
        SparkSession session = spark.get();
        // Job groups let Spark's UI and logs tell concurrent runs apart.
        session.sparkContext().setJobGroup("lens-" + job + "-" + request.window().id(), job, false);
        try {
            JobResult result = SparkJobRunner.run(session, job, request);
            return new LaunchOutcome(result, session.sparkContext().applicationId(), null,
                    Duration.between(start, Instant.now()));
        } catch (RuntimeException e) {
            throw new SparkJobFailedException("Spark job " + job + " for " + request.window() + " failed in process: "
                    + e.getMessage(), e);
        } finally {
            session.sparkContext().clearJobGroup();
        }
    }

    @Override
    public String kind() {
        return "in-process";
    }
}
