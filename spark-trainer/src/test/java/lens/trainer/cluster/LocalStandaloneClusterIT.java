package lens.trainer.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import lens.events.EventHour;
import lens.events.LakeLayout;
import lens.events.UserInteraction;
import lens.trainer.als.AlsRetrainJob;
import lens.trainer.job.JobRequest;
import lens.trainer.job.JobResult;
import lens.trainer.job.SparkJobRunner;
import lens.trainer.job.SparkJobs;
import lens.trainer.testing.LakeFixture;
import lens.trainer.testing.PlantedRatings;
import lens.trainer.testing.TestSpark;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Submits the thin {@code -spark-submit} jar with SparkSubmit to a real standalone master and worker on loopback
 * and checks that {@code als-retrain} there writes what the same run writes in local mode.
 */
@Tag("slow")
class LocalStandaloneClusterIT {

    private static final EventHour FIRST = EventHour.parse("2026-11-01T00");
    private static final EventHour LAST = FIRST.plusHours(5);
    /**
     * Small models keep the test short (10 iterations still cut the lineage once per model, checkpoints); the
     * rating model keeps its neighbourhood part, whose scoring runs on the executors from a broadcast.
     */
    // blend weights fitted, not the fixed default: the run then fits three models side by side on the cluster, and
    // the weights it arrives at are a result to compare with local mode
    private static final Map<String, String> OPTIONS = Map.of("window.hours", "6", "topn.n", "5",
            "explicit.rank", "10", "explicit.maxIter", "10", "implicit.rank", "10", "implicit.maxIter", "10",
            "explicit.blend.weights", "fit");
    /** What the standalone master names an application; a local master would give "local-...". */
    private static final Pattern APPLICATION_ID = Pattern.compile("app-\\d{14}-\\d{4,}");

    @TempDir
    Path dir;

    @Test
    void givenALake_whenSubmittingAlsRetrainToAStandaloneCluster_thenItsOutputsEqualTheLocalRun() throws Exception {
        Path localLake = dir.resolve("local/lake");
        Path clusterLake = dir.resolve("cluster/lake");
        // One local session for the whole test: it lands the lake, runs the local reference and reads both outputs.
        SparkSession spark = TestSpark.start("cluster-it-local");
        try {
            PlantedRatings planted = new PlantedRatings(50, 30, 2, 0.3, 3);
            List<UserInteraction> events = new ArrayList<>(planted.ratings(15, FIRST, 6));
            events.addAll(planted.views(5, FIRST, 6));
            new LakeFixture(spark, localLake).writeCompleteHours(events);
            copy(localLake, clusterLake);
            JobResult local = SparkJobRunner.run(spark, SparkJobs.ALS_RETRAIN, new JobRequest(localLake.toString(),
                    dir.resolve("local/work").toString(), LAST, OPTIONS));

            LocalStandaloneCluster.Submission submission;
            List<String> clusterApplications;
            try (LocalStandaloneCluster cluster = LocalStandaloneCluster.start(dir.resolve("cluster-home"))) {
                assertThat(cluster.masterUrl()).startsWith("spark://127.0.0.1:");
                submission = cluster.submit(thinJar(), "lens.trainer.SparkJobMain",
                        List.of("spark.sql.shuffle.partitions=4", "spark.default.parallelism=4"),
                        submitArguments(clusterLake), Duration.ofMinutes(8));
                clusterApplications = cluster.applications();
            }

            assertThat(submission.exitCode()).as(submission.output()).isZero();
            Matcher appId = APPLICATION_ID.matcher(submission.output());
            assertThat(appId.find()).as("an app-... id in the driver output:\n%s", submission.output()).isTrue();
            assertThat(clusterApplications).as("applications with executors on the worker")
                    .containsExactly(appId.group());
            JobResult remote = resultLine(submission.output());
            JobResult written = JobResult.fromJson(
                    Files.readAllBytes(clusterLake.resolve(LakeLayout.summary(SparkJobs.ALS_RETRAIN, LAST))));
            assertThat(written.metrics()).isEqualTo(remote.metrics());
            assertThat(remote.metrics().keySet()).isEqualTo(local.metrics().keySet());
            local.metrics().forEach((name, value) -> {
                if (!name.equals("training_seconds")) {
                    assertThat(remote.metrics().get(name)).as(name)
                            .isCloseTo(value, within(1e-6 * Math.max(1, value)));
                }
            });
            assertThat(remote.details().get("decision")).isEqualTo(local.details().get("decision"));
            // the blend weights the neighbourhood scores (made on the executors) were fitted with
            for (String weight : List.of("explicit.blend.alsWeight", "explicit.blend.neighbourWeight")) {
                double expected = Double.parseDouble((String) ((Map<?, ?>) local.details().get("params")).get(weight));
                assertThat(Double.parseDouble((String) ((Map<?, ?>) remote.details().get("params")).get(weight)))
                        .as(weight).isNotZero().isCloseTo(expected, within(1e-6 * Math.max(1, Math.abs(expected))));
            }
            List<String> localLists = recommendations(spark, localLake);
            assertThat(localLists).isNotEmpty();
            assertThat(recommendations(spark, clusterLake)).isEqualTo(localLists);
        } finally {
            spark.stop();
        }
    }

    private List<String> submitArguments(Path lake) {
        List<String> args = new ArrayList<>(List.of(SparkJobs.ALS_RETRAIN, "--lake", lake.toString(),
                "--workdir", dir.resolve("cluster/work").toString(), "--window", LAST.id()));
        OPTIONS.forEach((key, value) -> {
            args.add("--option");
            args.add(key + "=" + value);
        });
        return args;
    }

    private static JobResult resultLine(String output) {
        String line = output.lines().filter(l -> l.startsWith("LENS_JOB_RESULT ")).findFirst()
                .orElseThrow(() -> new AssertionError("no result line in:\n" + output));
        return JobResult.fromJson(line.substring("LENS_JOB_RESULT ".length()).getBytes(StandardCharsets.UTF_8));
    }

    /** The serving lists as "user rank movie source score" lines (scores rounded), sorted. */
    private static List<String> recommendations(SparkSession spark, Path lake) {
        return spark.read().parquet(lake.resolve(AlsRetrainJob.recommendationsDir(LAST)).toString())
                .collectAsList().stream()
                .map(LocalStandaloneClusterIT::line).sorted().toList();
    }

    private static String line(Row row) {
        return row.getAs("userId") + " " + row.getAs("rank") + " " + row.getAs("movieId") + " "
                + row.getAs("source") + " " + String.format(java.util.Locale.ROOT, "%.4f",
                (Double) row.getAs("score"));
    }

    private static Path thinJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(f -> f.getFileName().toString().endsWith("-spark-submit.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no -spark-submit jar in target/: run mvn verify"))
                    .toAbsolutePath();
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
