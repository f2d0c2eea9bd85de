package lens.trainer.als;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.rand;
import static org.apache.spark.sql.functions.randn;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import lens.events.EventHour;
import lens.trainer.job.JobRequest;
import lens.trainer.job.JobResult;
import lens.trainer.job.SparkJobRunner;
import lens.trainer.job.SparkJobs;
import lens.trainer.testing.LakeFixture;
import lens.trainer.testing.MovieLens100K;
import lens.trainer.testing.TestSpark;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark, not a test (it asserts nothing about time): bare {@code ALS.fit} of both models on ratings already in
 * memory versus the whole {@code als-retrain} run (read, index, train both, evaluate, save, top-N), per size.
 * <pre>
 * ./mvnw -B -o -pl spark-trainer -am verify -DskipITs -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dtest=AlsRetrainBenchmark -Dlens.benchmark=true [-Dlens.benchmark.sizes=100k,1m,10m] \
 *     [-Dlens.benchmark.options='explicit.neighbours=0;implicit.rank=10']
 * </pre>
 * 100k is MovieLens 100K (its timeline compressed into the 720-hour window); 1m and 10m are synthetic
 * (6,040 users x 3,700 movies and 70,000 x 10,000, skewed popularity, a planted low-rank taste). Prints one line
 * per size: BENCH size ratings bare_fit_s retrain_s ratio (retrain over the two bare fits one after the other),
 * bare_side_by_side_s ratio_side_by_side (over the two bare fits run at once, as the retrain runs them), peak_rss_mb
 * (of the whole JVM, so the largest size so far), rmse, ndcg_lift, options; then the retrain's phases and Spark jobs,
 * and the Spark call sites that took the most job time.
 */
@EnabledIfSystemProperty(named = "lens.benchmark", matches = "true")
class AlsRetrainBenchmark {

    private static final EventHour WINDOW = EventHour.parse("2026-11-29T00");
    private static final int HOURS = 720;

    @TempDir
    Path dir;

    @Test
    void benchmark() throws Exception {
        SparkSession spark = TestSpark.start("als-benchmark");
        sparkSettings().forEach((key, value) -> spark.conf().set(key, value));
        try {
            for (String size : System.getProperty("lens.benchmark.sizes", "100k,1m").split(",")) {
                run(spark, size.trim().toLowerCase(Locale.ROOT));
            }
        } finally {
            spark.stop();
        }
    }

    private void run(SparkSession spark, String size) throws Exception {
        Path lake = dir.resolve(size + "/lake");
        Dataset<Row> events = switch (size) {
            case "100k" -> movieLens(spark);
            case "1m" -> synthetic(spark, 1_000_000, 6_040, 3_700);
            case "10m" -> synthetic(spark, 10_000_000, 70_000, 10_000);
            default -> throw new IllegalArgumentException("size " + size);
        };
        new LakeFixture(spark, lake).writeBulk(events);
        AlsSettings settings = AlsSettings.from(new JobRequest(lake.toString(), dir.toString(), WINDOW, extraOptions()));

        // (a) bare ALS.fit, both models, same parameters, ratings already indexed and cached
        Dataset<Row> ratings = spark.read().parquet(lake.resolve("events").toString())
                .select(col("userId").cast("int").as("user"), col("movieId").cast("int").as("item"),
                        col("rating"))
                .cache();
        long count = ratings.count();
        ALS explicitAls = new ALS().setRank(settings.explicit().rank()).setRegParam(settings.explicit().regParam())
                .setMaxIter(settings.explicit().maxIter()).setSeed(42).setUserCol("user").setItemCol("item")
                .setNumBlocks(AlsBlocks.resolve(settings.explicit().blocks(), spark))
                .setRatingCol("rating");
        ALS implicitAls = new ALS().setImplicitPrefs(true).setRank(settings.implicit().rank())
                .setRegParam(settings.implicit().regParam()).setAlpha(settings.implicit().alpha())
                .setMaxIter(settings.implicit().maxIter()).setSeed(42).setUserCol("user").setItemCol("item")
                .setNumBlocks(AlsBlocks.resolve(settings.implicit().blocks(), spark))
                .setRatingCol("rating");
        long bareStart = System.nanoTime();
        explicitAls.fit(ratings);
        implicitAls.fit(ratings);
        double bare = (System.nanoTime() - bareStart) / 1e9;
        // the same two fits side by side, as the retrain runs them: the stricter baseline for its overhead
        long sideStart = System.nanoTime();
        java.util.concurrent.CompletableFuture<?> side = java.util.concurrent.CompletableFuture.runAsync(
                () -> implicitAls.fit(ratings));
        explicitAls.fit(ratings);
        side.join();
        double bareSideBySide = (System.nanoTime() - sideStart) / 1e9;
        ratings.unpersist();

        // (b) the whole retrain
        SparkJobCounter jobs = new SparkJobCounter();
        spark.sparkContext().addSparkListener(jobs);
        long jobStart = System.nanoTime();
        Map<String, String> options = new java.util.LinkedHashMap<>(extraOptions());
        options.put("window.hours", Integer.toString(HOURS));
        JobResult result = SparkJobRunner.run(spark, SparkJobs.ALS_RETRAIN, new JobRequest(lake.toString(),
                dir.resolve(size + "/work").toString(), WINDOW, options));
        double whole = (System.nanoTime() - jobStart) / 1e9;
        spark.sparkContext().removeSparkListener(jobs);
        System.out.printf(Locale.ROOT, "BENCH %s ratings=%d bare_fit_s=%.1f retrain_s=%.1f ratio=%.2f "
                        + "bare_side_by_side_s=%.1f ratio_side_by_side=%.2f "
                        + "peak_rss_mb=%d rmse=%.4f ndcg_lift=%.2f options=%s spark=%s%n", size, count, bare, whole,
                whole / bare, bareSideBySide, whole / bareSideBySide, peakRssMb(),
                result.metrics().getOrDefault("rmse", Double.NaN),
                result.metrics().getOrDefault("ndcg_lift", Double.NaN), extraOptions(), sparkSettings());
        System.out.printf(Locale.ROOT, "BENCH %s phases_s=%s spark_jobs=%d spark_job_s=%.1f co_rating_pairs=%.0f %s%n",
                size, result.details().get("phaseSeconds"), jobs.jobs.get(), jobs.millis.get() / 1e3,
                result.metrics().getOrDefault("co_rating_pairs", -1.0),
                result.details().getOrDefault("explicitModel", ""));
        System.out.printf(Locale.ROOT, "BENCH %s slowest_call_sites: %s%n", size, jobs.slowest(25));
    }

    /** -Dlens.benchmark.options=key=value;key=value: job options for the retrain, e.g. explicit.neighbours=0. */
    private static Map<String, String> extraOptions() {
        return pairs(System.getProperty("lens.benchmark.options", ""));
    }

    /** -Dlens.benchmark.spark=key=value;...: Spark SQL settings of the benchmark's session, to try one. */
    private static Map<String, String> sparkSettings() {
        return pairs(System.getProperty("lens.benchmark.spark", ""));
    }

    private static Map<String, String> pairs(String text) {
        Map<String, String> options = new java.util.LinkedHashMap<>();
        for (String pair : text.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                options.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        return options;
    }

    private static Dataset<Row> movieLens(SparkSession spark) {
        Dataset<Row> ml = MovieLens100K.read(spark, MovieLens100K.requireData().resolve("u.data"));
        Row span = ml.agg(org.apache.spark.sql.functions.min("timestamp"),
                org.apache.spark.sql.functions.max("timestamp")).first();
        long min = span.getLong(0);
        double scale = (HOURS * 3_600_000.0 - 1) / (span.getLong(1) - min);
        long start = WINDOW.plusHours(1 - HOURS).startMillis();
        return asEvents(ml.withColumn("timestamp", floor(col("timestamp").minus(min).multiply(scale)).plus(start)
                .cast("long")));
    }

    private static Dataset<Row> synthetic(SparkSession spark, long n, int users, int movies) {
        long start = WINDOW.plusHours(1 - HOURS).startMillis();
        Dataset<Row> draws = spark.range(n)
                .withColumn("user", floor(rand(1).multiply(users)).cast("int"))
                .withColumn("item", floor(pow(rand(2), 2).multiply(movies)).cast("int"));
        // a planted rank-2 taste: the rating depends on the user's and the movie's positions on two circles
        return asEvents(draws
                .withColumn("rating", least(lit(5.0), greatest(lit(1.0), round(lit(3.2)
                        .plus(sin(col("user").multiply(0.7)).multiply(sin(col("item").multiply(0.3))).multiply(1.2))
                        .plus(sin(col("user").multiply(1.3)).multiply(sin(col("item").multiply(1.1))).multiply(0.8))
                        .plus(randn(3).multiply(0.5))))))
                .withColumn("timestamp", floor(rand(4).multiply(HOURS * 3_600_000.0)).plus(start).cast("long")));
    }

    private static Dataset<Row> asEvents(Dataset<Row> ratings) {
        return ratings.select(
                concat(lit("b-"), col("user"), lit("-"), col("item"), lit("-"), col("timestamp")).as("eventId"),
                col("timestamp"), col("user").cast("long").as("userId"), col("item").cast("long").as("movieId"),
                lit("RATE").as("interactionType"), col("rating").cast("double").as("rating"),
                lit(null).cast("string").as("query"), lit(null).cast("string").as("sessionId"),
                lit(null).cast("string").as("requestId"), lit(null).cast("string").as("extras"),
                lit(0).as("kafka_partition"), org.apache.spark.sql.functions.monotonically_increasing_id()
                        .as("kafka_offset"));
    }

    /**
     * Spark jobs the retrain ran and their summed wall time: at 100K the fixed cost of a retrain is mostly the
     * scheduling of many small jobs, not computation.
     */
    private static final class SparkJobCounter extends org.apache.spark.scheduler.SparkListener {
        private final java.util.concurrent.atomic.AtomicInteger jobs = new java.util.concurrent.atomic.AtomicInteger();
        private final java.util.concurrent.atomic.AtomicLong millis = new java.util.concurrent.atomic.AtomicLong();
        private final Map<Integer, Long> started = new java.util.concurrent.ConcurrentHashMap<>();
        private final Map<Integer, String> sites = new java.util.concurrent.ConcurrentHashMap<>();
        private final Map<String, long[]> bySite = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public void onJobStart(org.apache.spark.scheduler.SparkListenerJobStart start) {
            jobs.incrementAndGet();
            started.put(start.jobId(), start.time());
            // the result stage is named after the action's call site, e.g. "collectAsList at X.java:40"
            sites.put(start.jobId(), start.stageInfos().isEmpty() ? "?" : start.stageInfos().last().name());
        }

        @Override
        public void onJobEnd(org.apache.spark.scheduler.SparkListenerJobEnd end) {
            Long at = started.remove(end.jobId());
            String site = sites.remove(end.jobId());
            if (at != null) {
                millis.addAndGet(end.time() - at);
                long[] sum = bySite.computeIfAbsent(site, s -> new long[2]);
                synchronized (sum) {
                    sum[0]++;
                    sum[1] += end.time() - at;
                }
            }
        }

        /** The call sites that took the most job time: where a retrain's Spark time goes. */
        String slowest(int n) {
            return bySite.entrySet().stream()
                    .sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
                    .limit(n)
                    .map(e -> e.getKey() + " x" + e.getValue()[0] + " " + e.getValue()[1] + "ms")
                    .collect(java.util.stream.Collectors.joining("; "));
        }
    }

    private static long peakRssMb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }
}
