package lens.cli.replay;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import lens.broker.KafkaBroker;
import lens.events.EventHour;
import lens.events.Topic;
import lens.sim.replay.MovieLensReplay;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lens replay movielens <dir>}: every rating of a MovieLens folder (100K {@code u.data}, or the
 * {@code ratings.csv} of ml-latest-small / 20M-style sets) becomes a rate event on {@code user-interactions}, with the
 * data set's own timestamps, so real ratings flow through Kafka, the lake and the retraining.
 */
@Command(name = "movielens", mixinStandardHelpOptions = true,
        description = "Publish a MovieLens folder (u.data or ratings.csv) to user-interactions as rate events.")
public final class ReplayMovieLensCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "MovieLens folder holding u.data or ratings.csv")
    Path dir;

    @Option(names = "--bootstrap-servers", description = "Kafka to publish to (default: the embedded broker "
            + "of the work directory, started for the replay)")
    String bootstrapServers;

    @Option(names = "--workdir", defaultValue = "./lens-data", description = "Work directory (default: ${DEFAULT-VALUE})")
    Path workDir;

    @Option(names = "--rebase-to", description = "Shift all timestamps together so the last rating falls into "
            + "this hour (e.g. 2026-11-29T08); relative times are kept")
    String rebaseTo;

    @Option(names = "--limit", defaultValue = "0", description = "Publish at most this many ratings (0: all)")
    long limit;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isDirectory(dir)) {
            err.println("not a folder: " + dir);
            return 2;
        }
        EventHour rebase = rebaseTo == null ? null : EventHour.parse(rebaseTo);
        KafkaBroker broker = null;
        try {
            String servers = bootstrapServers;
            if (servers == null) {
                broker = KafkaBroker.start(workDir.resolve("kafka"));
                broker.createTopics(List.of(Topic.USER_INTERACTIONS.topicName()), 3);
                servers = broker.bootstrapServers();
                out.println("embedded Kafka broker at " + servers);
            }
            Map<String, Object> config = Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.LINGER_MS_CONFIG, 20,
                    ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                    new ByteArraySerializer())) {
                MovieLensReplay.Result result = new MovieLensReplay(producer).replay(dir, rebase, limit, out::println);
                out.printf("published %d ratings from %s to %s (event time %s .. %s%s)%n", result.published(),
                        dir.resolve(result.format().fileName()), Topic.USER_INTERACTIONS.topicName(),
                        Instant.ofEpochMilli(result.firstTimestamp()), Instant.ofEpochMilli(result.lastTimestamp()),
                        result.shiftMillis() == 0 ? "" : ", shifted by " + result.shiftMillis() / 3_600_000 + " h");
                if (result.skipped() > 0) {
                    err.printf("skipped %d lines that are not ratings:%n", result.skipped());
                    result.badLines().forEach(line -> err.println("  " + line));
                    return 1;
                }
                return 0;
            }
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        } finally {
            if (broker != null) {
                broker.close();
            }
        }
    }
}
