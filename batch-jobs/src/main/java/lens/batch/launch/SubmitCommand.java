package lens.batch.launch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lens.trainer.job.JobRequest;

/**
 * The command line of one spark-submit: either {@code $SPARK_HOME/bin/spark-submit} or, without a Spark
 * installation, {@code java -cp <Spark on this JVM's classpath> org.apache.spark.deploy.SparkSubmit}; both take
 * the same arguments, so the same run goes to {@code local[*]}, {@code spark://}, {@code yarn} or {@code k8s://}.
 */
public record SubmitCommand(Path javaHome, Path sparkHome, String classpath, List<String> jvmOptions,
                            String master, String deployMode, String mainClass, Path appJar,
                            Map<String, String> sparkConf) {

    public List<String> build(String job, JobRequest request) {
        List<String> command = new ArrayList<>();
        if (sparkHome != null) {
            command.add(sparkHome.resolve("bin").resolve("spark-submit").toString());
        } else {
            command.add(javaHome.resolve("bin").resolve("java").toString());
            command.addAll(jvmOptions);
            command.add("-cp");
            command.add(classpath);
            command.add("org.apache.spark.deploy.SparkSubmit");
        }
        command.add("--master");
        command.add(master);
        command.add("--deploy-mode");
        command.add(deployMode);
        command.add("--class");
        command.add(mainClass);
        command.add("--name");
        command.add("lens-" + job + "-" + request.window().id());
        sparkConf.forEach((key, value) -> {
            command.add("--conf");
            command.add(key + "=" + value);
        });
        command.add(appJar.toString());
        command.add(job);
        command.add("--lake");
        command.add(request.lakeRoot());
        command.add("--workdir");
        command.add(request.workDir());
        command.add("--window");
        command.add(request.window().id());
        request.options().forEach((key, value) -> {
            command.add("--option");
            command.add(key + "=" + value);
        });
        return command;
    }
}
