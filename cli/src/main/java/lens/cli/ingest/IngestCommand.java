package lens.cli.ingest;

import java.util.concurrent.Callable;
import lens.cli.CommonOptions;
import lens.cli.boot.LensApps;
import lens.cli.broker.KafkaConnection;
import lens.ingest.IngestionApplication;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Run the ingester (Kafka -> Parquet lake, exactly once) until stopped with Ctrl-C; "
                + "in-flight files are published on the way out.")
public final class IngestCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        try (KafkaConnection kafka = KafkaConnection.open(common.workdir(), common.bootstrapServersOrNull());
             ConfigurableApplicationContext ingester = LensApps.start(IngestionApplication.class, common.workdir(),
                     kafka.bootstrapServers(), java.util.Map.of())) {
            System.out.println("ingesting from " + kafka.bootstrapServers() + " into " + common.lake()
                    + " (Ctrl-C stops; logs in " + common.workdir().resolve("logs") + ")");
            LensApps.awaitShutdown();
        }
        return 0;
    }
}
