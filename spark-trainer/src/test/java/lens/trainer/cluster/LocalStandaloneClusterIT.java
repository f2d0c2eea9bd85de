package lens.trainer.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    private static final Map<String, String> OPTIONS = Map.of("window.hours", "6", "topn.n", "5");

    @TempDir
    Path dir;

    @Test
    void givenALake_whenSubmittingAlsRetrainToAStandaloneCluster_thenItsOutputsEqualTheLocalRun() throws Exception {
        Path localLake = dir.resolve("local/lake");
        Path clusterLake = dir.resolve("cluster/lake");
        SparkSession spark = TestSpark.start("cluster-it-local");
        JobResult local;
        try {
            PlantedRatings planted = new PlantedRatings(50, 30, 2, 0.3, 3);
            List<UserInteraction> events = new ArrayList<>(planted.ratings(15, FIRST, 6));
            events.addAll(planted.views(5, FIRST, 6));
            new LakeFixture(spark, localLake).writeCompleteHours(events);
            copy(localLake, clusterLake);
            local = SparkJobRunner.run(spark, SparkJobs.ALS_RETRAIN, new JobRequest(localLake.toString(),
                    dir.resolve("local/work").toString(), LAST, OPTIONS));
        } finally {
            spark.stop();
        }

        Submission submission;
        try (LocalStandaloneCluster cluster = LocalStandaloneCluster.start(dir.resolve("cluster-home"))) {
            assertThat(cluster.masterUrl()).startsWith("spark://127.0.0.1:");
            List<String> args = new ArrayList<>(List.of(SparkJobs.ALS_RETRAIN, "--lake", clusterLake.toString(),
                    "--workdir", dir.resolve("cluster/work").toString(), "--window", LAST.id()));
            OPTIONS.forEach((key, value) -> {
                args.add("--option");
                args.add(key + "=" + value);
            });
            submission = new Submission(cluster.submit(thinJar(), "lens.trainer.SparkJobMain",
                    List.of("spark.sql.shuffle.partitions=4", "spark.default.parallelism=4"), args,
                    Duration.ofMinutes(8)));
        }

        assertThat(submission.exitCode()).as(submission.output()).isZero();
        String line = submission.output().lines().filter(l -> l.startsWith("LENS_JOB_RESULT "))
                .findFirst().orElseThrow(() -> new AssertionError("no result line in:\n" + submission.output()));
        JobResult remote = JobResult.fromJson(line.substring("LENS_JOB_RESULT ".length()).getBytes());
        assertThat(Files.exists(clusterLake.resolve(LakeLayout.summary(SparkJobs.ALS_RETRAIN, LAST)))).isTrue();
        assertThat(remote.metrics().keySet()).isEqualTo(local.metrics().keySet());
        local.metrics().forEach((name, value) -> {
            if (!name.equals("training_seconds")) {
                assertThat(remote.metrics().get(name)).as(name).isCloseTo(value, within(1e-6 * Math.max(1, value)));
            }
        });
        assertThat(remote.details().get("decision")).isEqualTo(local.details().get("decision"));
        assertThat(recommendations(clusterLake)).isEqualTo(recommendations(localLake));
    }

    /** The serving lists as "user rank movie source" lines (scores rounded), sorted. */
    private static List<String> recommendations(Path lake) {
        SparkSession spark = TestSpark.start("cluster-it-read");
        try {
            return spark.read().parquet(lake.resolve(AlsRetrainJob.recommendationsDir(LAST)).toString())
                    .collectAsList().stream()
                    .map(LocalStandaloneClusterIT::line).sorted().toList();
        } finally {
            spark.stop();
        }
    }

    private static String line(Row row) {
        return row.getAs("userId") + " " + row.getAs("rank") + " " + row.getAs("movieId") + " "
                + row.getAs("source") + " " + String.format(java.util.Locale.ROOT, "%.4f",
                (Double) row.getAs("score"));
    }

    private record Submission(int exitCode, String output) {
        Submission(LocalStandaloneCluster.Submission s) {
            this(s.exitCode(), s.output());
        }
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
