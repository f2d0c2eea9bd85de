package lens.batch.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code lens.batch.*}: the hourly Spring Batch jobs.
 *
 * @param jobs                   Spark jobs to schedule, one Spring Batch job each
 * @param jobSettings            per job: input topics, upstream jobs, cadence, catch-up policy, late-data re-runs,
 *                               Spark job options (unset fields keep {@link JobSettings#builtIn})
 * @param launcher               {@code in-process} (default) or {@code spark-submit}
 * @param spark                  the SparkSession / master
 * @param submit                 spark-submit settings
 * @param inputTimeout           how long a scheduled run waits for its input hour to be complete
 * @param backfillInputTimeout   the same for backfills (old hours rarely complete later: fail fast)
 * @param inputPollInterval      how often the wait re-checks the manifests
 * @param parallelism            runs at a time in backfills and catch-up
 * @param faultInjection         test hooks, off by default
 * @param recovery               heartbeats and the recovery of runs whose JVM died
 */
@ConfigurationProperties("lens.batch")
public record LensBatchProperties(
        @DefaultValue({"serving-metrics", "ab-report", "als-retrain", "serving-metrics-daily"}) List<String> jobs,
        Map<String, JobSettings.Overrides> jobSettings,
        @DefaultValue("in-process") LauncherKind launcher,
        @DefaultValue Spark spark,
        @DefaultValue Submit submit,
        @DefaultValue("15m") Duration inputTimeout,
        @DefaultValue("0s") Duration backfillInputTimeout,
        @DefaultValue("2s") Duration inputPollInterval,
        @DefaultValue("2") int parallelism,
        @DefaultValue FaultInjection faultInjection,
        @DefaultValue Recovery recovery) {

    public LensBatchProperties {
        if (jobs == null || jobs.isEmpty()) {
            throw new IllegalArgumentException("lens.batch.jobs must name at least one Spark job");
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("lens.batch.parallelism must be at least 1, was " + parallelism);
        }
        if (inputTimeout.isNegative() || backfillInputTimeout.isNegative()) {
            throw new IllegalArgumentException("lens.batch input timeouts must not be negative");
        }
        jobs = List.copyOf(jobs);
        jobSettings = jobSettings == null ? Map.of() : Map.copyOf(jobSettings);
        upstreamFirst(jobs, jobSettings);
    }

    public JobSettings settings(String job) {
        return settings(job, jobSettings);
    }

    private static JobSettings settings(String job, Map<String, JobSettings.Overrides> configured) {
        JobSettings.Overrides overrides = configured.get(job);
        return overrides == null ? JobSettings.builtIn(job) : overrides.applyTo(JobSettings.builtIn(job));
    }

    /**
     * The configured jobs, each after the jobs it reads ({@link JobSettings#upstream}), otherwise in configured
     * order: a pass over them (late-data check) then sees upstream re-runs before judging their readers.
     */
    public List<String> jobsUpstreamFirst() {
        return upstreamFirst(jobs, jobSettings);
    }

    private static List<String> upstreamFirst(List<String> jobs, Map<String, JobSettings.Overrides> configured) {
        List<String> ordered = new ArrayList<>();
        for (String job : jobs) {
            visit(job, jobs, configured, ordered, new ArrayList<>());
        }
        return List.copyOf(ordered);
    }

    private static void visit(String job, List<String> jobs, Map<String, JobSettings.Overrides> configured,
                              List<String> ordered, List<String> path) {
        if (ordered.contains(job)) {
            return;
        }
        if (path.contains(job)) {
            throw new IllegalArgumentException("lens.batch.job-settings: upstream jobs form a cycle: " + path);
        }
        path.add(job);
        for (String upstream : settings(job, configured).upstream()) {
            if (!jobs.contains(upstream)) {
                throw new IllegalArgumentException("job '" + job + "' reads the results of '" + upstream
                        + "', which is not in lens.batch.jobs " + jobs);
            }
            visit(upstream, jobs, configured, ordered, path);
        }
        path.remove(path.size() - 1);
        ordered.add(job);
    }

    /**
     * @param master   Spark master of the in-process session and of spark-submit
     * @param conf     extra Spark configuration ({@code spark.*} keys)
     */
    public record Spark(@DefaultValue("local[2]") String master, Map<String, String> conf) {
        public Spark {
            conf = conf == null ? Map.of() : Map.copyOf(conf);
        }
    }

    /**
     * @param jar        the thin trainer jar; unset: {@code spark-trainer/target/lens-spark-trainer-*-spark-submit.jar}
     *                   searched from the working directory upwards
     * @param mainClass  the entry point in that jar
     * @param sparkHome  when set, {@code $SPARK_HOME/bin/spark-submit} runs; unset, {@code SparkSubmit} runs on
     *                   this JVM's classpath (which holds Spark)
     * @param classpath  classpath of that child JVM; unset: this JVM's {@code java.class.path}
     * @param deployMode {@code client} or {@code cluster}
     * @param timeout    a submission running longer is killed and fails
     * @param stopGrace  on shutdown (Ctrl-C of a backfill, SIGTERM of the scheduler), how long running drivers may
     *                   still take to finish before they are stopped; they run in their own session, so a
     *                   terminal's Ctrl-C reaches only LENS
     * @param driverMemory driver memory of the child
     * @param logDir     where driver logs go; unset: {@code <workdir>/logs/spark-submit}
     */
    public record Submit(Path jar, @DefaultValue("lens.trainer.SparkJobMain") String mainClass, Path sparkHome,
                         String classpath, @DefaultValue("client") String deployMode,
                         @DefaultValue("2h") Duration timeout, @DefaultValue("30m") Duration stopGrace,
                         @DefaultValue("1g") String driverMemory,
                         Path logDir) {
    }

    /**
     * Test hooks. {@code failOnceAt}: the named step fails on its first execution in each job instance
     * ({@code await-input}, {@code run-spark}, {@code validate-result}, {@code publish-summary}).
     * {@code pauseAt}/{@code pauseFor}: the named step sleeps first (to kill a JVM mid-run).
     * {@code jobs}: limit both to these jobs (empty: all).
     */
    public record FaultInjection(String failOnceAt, String pauseAt, @DefaultValue("0s") Duration pauseFor,
                                 List<String> jobs) {
        public FaultInjection {
            jobs = jobs == null ? List.of() : List.copyOf(jobs);
        }

        public boolean appliesTo(String job) {
            return jobs.isEmpty() || jobs.contains(job);
        }
    }

    /**
     * @param heartbeat    how often this process says it is alive ({@code LENS_NODE})
     * @param nodeTimeout  a node silent for longer is dead; its running executions are recovered
     * @param scanInterval how often dead runs are looked for
     * @param restart      restart recovered runs from their failed step; unset: only when the scheduler runs
     *                     ({@code lens.schedule.enabled})
     */
    public record Recovery(@DefaultValue("5s") Duration heartbeat, @DefaultValue("30s") Duration nodeTimeout,
                           @DefaultValue("30s") Duration scanInterval, Boolean restart) {
        public Recovery {
            if (nodeTimeout.compareTo(heartbeat.multipliedBy(2)) < 0) {
                throw new IllegalArgumentException("lens.batch.recovery.node-timeout (" + nodeTimeout
                        + ") must be at least twice the heartbeat (" + heartbeat + ")");
            }
        }
    }
}
