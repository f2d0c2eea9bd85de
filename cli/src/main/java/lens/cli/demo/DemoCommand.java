package lens.cli.demo;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import lens.batch.BatchApplication;
import lens.batch.backfill.BackfillReport;
import lens.batch.backfill.BackfillService;
import lens.batch.backfill.ProgressListener;
import lens.cli.CommonOptions;
import lens.cli.boot.LensApps;
import lens.cli.broker.KafkaConnection;
import lens.cli.simulate.SimulationOptions;
import lens.cli.simulate.SimulationRun;
import lens.events.EventHour;
import lens.events.Topic;
import lens.ingest.IngestionApplication;
import lens.ingest.IngestionStatus;
import lens.sim.PlantedTruth;
import lens.sim.SimulationConfig;
import lens.trainer.job.SparkJobs;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run LENS end to end: broker, simulated traffic, ingestion, hourly jobs as a backfill, "
                + "report; print a summary and stop everything it started.")
public final class DemoCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    SimulationOptions simulation;

    @Option(names = "--ingest-timeout", defaultValue = "PT5M",
            description = "How long ingestion may take to catch up (default: ${DEFAULT-VALUE})")
    Duration ingestTimeout;

    @Option(names = "--jobs", split = ",", paramLabel = "NAME",
            defaultValue = SparkJobs.SERVING_METRICS + "," + SparkJobs.AB_REPORT + "," + SparkJobs.ALS_RETRAIN,
            description = "Hourly jobs to run over the simulated hours (default: ${DEFAULT-VALUE})")
    List<String> jobs;

    @Option(names = "--parallel", defaultValue = "1", description = "Job runs at a time (default: ${DEFAULT-VALUE})")
    int parallel;

    @Override
    public Integer call() {
        DemoConsole console = new DemoConsole(System.out);
        Path workdir = common.workdir();
        SimulationConfig config = simulation.toConfig(Clock.systemUTC());
        EventHour from = config.firstHour();
        EventHour to = from.plusHours(config.hours() - 1);
        console.title("LENS demo: " + config.hours() + " hours from " + from + ", workdir " + workdir);

        try (KafkaConnection kafka = console.step("Kafka broker", () ->
                KafkaConnection.open(workdir, common.bootstrapServersOrNull()))) {
            console.detail((kafka.embedded() ? "embedded KRaft broker at " : "external cluster at ")
                    + kafka.bootstrapServers());

            PlantedTruth truth = console.step("Simulated traffic", () ->
                    SimulationRun.publish(config, kafka.bootstrapServers(), workdir));
            console.detail(String.format("%,d valid events, %,d malformed, %,d late, %,d ratings",
                    sum(truth.validPerTopic()), sum(truth.invalidPerTopic()), sum(truth.latePerTopic()),
                    truth.ratings()));

            Map<Topic, Long> deadLettered = console.step("Ingestion", () -> ingest(workdir, kafka));
            Map<Topic, Long> landed = LakeCounts.rowsPerTopic(workdir.resolve("lake"), from, to);

            BackfillReport report = console.step("Hourly jobs (backfill)", () -> backfill(workdir, kafka, from, to));
            Path html = console.step("Report", () -> DemoReport.write(workdir, from, to));

            new DemoSummary(workdir, from, to, truth, landed, deadLettered, report, html).print(System.out);
            return report.allDone() ? 0 : 1;
        }
    }

    private Map<Topic, Long> ingest(Path workdir, KafkaConnection kafka) {
        // a short idle timeout: the demo's traffic is all published before ingestion starts
        try (ConfigurableApplicationContext ingester = LensApps.start(IngestionApplication.class, workdir,
                kafka.bootstrapServers(), Map.of("lens.ingest.idle-timeout", "3s"))) {
            IngestionStatus status = ingester.getBean(IngestionStatus.class);
            if (!status.awaitQuiescent(ingestTimeout)) {
                throw new IllegalStateException("ingestion did not catch up within " + ingestTimeout
                        + "; see " + workdir.resolve("logs/lens.log"));
            }
        }
        return DeadLetterCounts.count(kafka.bootstrapServers());
    }

    private BackfillReport backfill(Path workdir, KafkaConnection kafka, EventHour from, EventHour to) {
        try (ConfigurableApplicationContext batch = LensApps.start(BatchApplication.class, workdir,
                kafka.bootstrapServers(), Map.of("lens.schedule.enabled", "false"))) {
            return batch.getBean(BackfillService.class).backfill(jobs, from, to, parallel, false,
                    ProgressListener.NONE);
        }
    }

    private static long sum(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
