package lens.trainer.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The MovieLens 100K files (u.data and the five u1..u5 base/test splits), read as (user, item, rating, timestamp)
 * with the dataset's own int ids. Tests skip when the data is absent, except on CI (env CI=true), where it must be.
 */
public final class MovieLens100K {

    /** -Dlens.movielens.dir, else shared/ beside the repository (tests run in the module folder). */
    public static final Path DEFAULT_DIR = locate();

    private static Path locate() {
        String configured = System.getProperty("lens.movielens.dir");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (String candidate : new String[] {"../../shared/data/movielens/ml-100k", "../shared/data/movielens/ml-100k",
                "/work/shared/data/movielens/ml-100k"}) {
            Path dir = Path.of(candidate).toAbsolutePath().normalize();
            if (Files.isRegularFile(dir.resolve("u.data"))) {
                return dir;
            }
        }
        return Path.of("../../shared/data/movielens/ml-100k").toAbsolutePath().normalize();
    }

    private MovieLens100K() {
    }

    /** The data folder, or a skipped test (a failed one on CI) when it is missing. */
    public static Path requireData() {
        boolean present = Files.isRegularFile(DEFAULT_DIR.resolve("u.data"));
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("MovieLens 100K is required on CI but missing at " + DEFAULT_DIR);
        }
        assumeTrue(present, "MovieLens 100K not found at " + DEFAULT_DIR + " (set -Dlens.movielens.dir); skipping");
        return DEFAULT_DIR;
    }

    public static Dataset<Row> read(SparkSession spark, Path file) {
        StructType schema = new StructType()
                .add("user", DataTypes.IntegerType)
                .add("item", DataTypes.IntegerType)
                .add("rating", DataTypes.DoubleType)
                .add("timestamp", DataTypes.LongType);
        return spark.read().option("sep", "\t").schema(schema).csv(file.toString())
                .withColumn("timestamp", org.apache.spark.sql.functions.col("timestamp").multiply(1000L));
    }
}
