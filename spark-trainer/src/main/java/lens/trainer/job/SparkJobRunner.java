package lens.trainer.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import lens.events.LakeLayout;
import lens.trainer.lake.LakeInputs;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/** Runs a job and writes its {@code summary.json} atomically (temp file, then rename). */
public final class SparkJobRunner {

    private SparkJobRunner() {
    }

    public static JobResult run(SparkSession spark, String jobName, JobRequest request) {
        LensSparkJob job = SparkJobs.create(jobName);
        JobResult result = job.run(spark, request);
        writeSummary(spark, request.lakeRoot(), result, request);
        return result;
    }

    static void writeSummary(SparkSession spark, String lakeRoot, JobResult result, JobRequest request) {
        Path target = LakeInputs.path(lakeRoot, LakeLayout.summary(result.job(), request.window()));
        Path temp = new Path(target.getParent(), "._" + LakeLayout.SUMMARY + ".tmp");
        try {
            FileSystem fs = target.getFileSystem(spark.sparkContext().hadoopConfiguration());
            fs.mkdirs(target.getParent());
            try (FSDataOutputStream out = fs.create(temp, true)) {
                out.write(result.toJson());
                out.hsync();
            }
            fs.delete(target, false);
            if (!fs.rename(temp, target)) {
                throw new IOException("rename " + temp + " -> " + target + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the summary of " + result.job(), e);
        }
    }
}
