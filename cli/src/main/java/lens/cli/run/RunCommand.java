package lens.cli.run;

import java.util.Map;
import java.util.concurrent.Callable;
import lens.batch.BatchApplication;
import lens.cli.CommonOptions;
import lens.cli.boot.LensApps;
import lens.cli.broker.KafkaConnection;
import lens.ingest.IngestionApplication;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "The long-running pipeline: the ingester plus the Quartz hourly scheduler of the Spring Batch "
                + "jobs, until stopped with Ctrl-C.")
public final class RunCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = "--no-ingest", description = "Run the scheduler only (the ingester runs elsewhere)")
    boolean noIngest;

    @Override
    public Integer call() {
        try (KafkaConnection kafka = KafkaConnection.open(common.workdir(), common.bootstrapServersOrNull())) {
            ConfigurableApplicationContext ingester = noIngest ? null : LensApps.start(IngestionApplication.class,
                    common.workdir(), kafka.bootstrapServers(), java.util.Map.of());
            try (ConfigurableApplicationContext scheduler = LensApps.start(BatchApplication.class, common.workdir(),
                    kafka.bootstrapServers(), Map.of("lens.schedule.enabled", "true"))) {
                System.out.println("LENS pipeline running on " + kafka.bootstrapServers() + ", workdir "
                        + common.workdir() + (noIngest ? " (scheduler only)" : "") + "; Ctrl-C stops");
                LensApps.awaitShutdown();
            } finally {
                if (ingester != null) {
                    ingester.close();
                }
            }
        }
        return 0;
    }
}
