package lens.trainer;

import java.util.LinkedHashMap;
import java.util.Map;
import lens.events.EventHour;
import lens.trainer.job.JobRequest;
import lens.trainer.job.JobResult;
import lens.trainer.job.LoopbackDriver;
import lens.trainer.job.SparkJobRunner;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The spark-submit entry point of every LENS job:
 * <pre>
 * spark-submit --class lens.trainer.SparkJobMain lens-spark-trainer-*-spark-submit.jar \
 *     &lt;job&gt; --lake &lt;root&gt; --workdir &lt;dir&gt; --window 2026-11-29T08 [--option key=value]...
 * </pre>
 * Without a master from spark-submit it runs in {@code local[*]}. Exit status 0 on success, 1 on failure, 2 on usage.
 */
public final class SparkJobMain {

    private SparkJobMain() {
    }

    public static void main(String[] args) {
        JobRequest request;
        String job;
        try {
            job = args[0];
            request = parse(args);
        } catch (RuntimeException e) {
            System.err.println("usage: SparkJobMain <job> --lake <root> --workdir <dir> --window <hour> "
                    + "[--option key=value]...\n" + e.getMessage());
            System.exit(2);
            return;
        }
        SparkConf conf = new SparkConf().setAppName("lens-" + job + "-" + request.window().id());
        if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        LoopbackDriver.apply(conf);
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        int status = 0;
        try {
            JobResult result = SparkJobRunner.run(spark, job, request);
            System.out.println("LENS_JOB_RESULT " + new String(result.toJson()).replace('\n', ' '));
        } catch (RuntimeException e) {
            e.printStackTrace();
            status = 1;
        } finally {
            spark.stop();
        }
        System.exit(status);
    }

    static JobRequest parse(String[] args) {
        if (args.length < 1) {
            throw new IllegalArgumentException("missing job name");
        }
        String lake = null;
        String workDir = null;
        EventHour window = null;
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--lake" -> lake = require(value, "--lake");
                case "--workdir" -> workDir = require(value, "--workdir");
                case "--window" -> window = EventHour.parse(require(value, "--window"));
                case "--option" -> {
                    String option = require(value, "--option");
                    int eq = option.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--option takes key=value, got " + option);
                    }
                    options.put(option.substring(0, eq), option.substring(eq + 1));
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
            i++;
        }
        if (lake == null || window == null) {
            throw new IllegalArgumentException("--lake and --window are required");
        }
        return new JobRequest(lake, workDir == null ? "." : workDir, window, options);
    }

    private static String require(String value, String flag) {
        if (value == null) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return value;
    }
}
