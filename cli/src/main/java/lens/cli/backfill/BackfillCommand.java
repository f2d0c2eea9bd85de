package lens.cli.backfill;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import lens.batch.BatchApplication;
import lens.batch.backfill.BackfillReport;
import lens.batch.backfill.BackfillService;
import lens.cli.CommonOptions;
import lens.cli.boot.LensApps;
import lens.cli.broker.KafkaConnection;
import lens.events.EventHour;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lens backfill}: runs the jobs over a range of hours (daily ones for each day that ends in the range), oldest
 * first, skipping completed windows, with a progress line and a final table. Ctrl-C lets running windows finish and starts no new ones; running the same
 * command again continues where it stopped.
 */
@Command(name = "backfill", mixinStandardHelpOptions = true,
        description = "Run the jobs over a range of hours (daily jobs for each day whose last hour is in the range; "
                + "completed windows are skipped unless --force).")
public final class BackfillCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common = new CommonOptions();

    @Option(names = "--job", split = ",", defaultValue = "all", paramLabel = "NAME",
            description = "Job name(s), comma-separated, or 'all' (default: ${DEFAULT-VALUE})")
    List<String> jobs;

    @Option(names = "--from", required = true, paramLabel = "HOUR", description = "First hour, e.g. 2026-11-29T00")
    String from;

    @Option(names = "--to", required = true, paramLabel = "HOUR", description = "Last hour (inclusive)")
    String to;

    @Option(names = "--parallel", defaultValue = "2", description = "Runs at a time (default: ${DEFAULT-VALUE})")
    int parallel;

    @Option(names = "--force", description = "Run completed hours again as a new version")
    boolean force;

    @Option(names = "--launcher", paramLabel = "KIND",
            description = "in-process (default) or spark-submit")
    String launcher;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master, e.g. local[4] or spark://host:7077")
    String master;

    PrintStream out = System.out;
    PrintStream err = System.err;

    @Override
    public Integer call() {
        EventHour first = EventHour.parse(from);
        EventHour last = EventHour.parse(to);
        CountDownLatch finished = new CountDownLatch(1);
        Thread onCtrlC = null;
        try (KafkaConnection kafka = KafkaConnection.open(common.workdir(), common.bootstrapServersOrNull());
             ConfigurableApplicationContext batch = LensApps.start(BatchApplication.class, common.workdir(),
                     kafka.bootstrapServers(), properties())) {
            BackfillService service = batch.getBean(BackfillService.class);
            onCtrlC = new Thread(() -> {
                err.println("\nstopping: running hours finish, no new ones start (run the command again to continue)");
                service.stop();
                awaitQuietly(finished);
            }, "lens-backfill-stop");
            Runtime.getRuntime().addShutdownHook(onCtrlC);
            ProgressBar bar = new ProgressBar(30);
            Instant start = Instant.now();
            BackfillReport report = service.backfill(jobs, first, last, parallel, force, (done, total, outcome) ->
                    err.print("\r" + bar.render(done, total, Duration.between(start, Instant.now()))));
            err.println();
            out.print(report.table());
            out.printf("%d completed, %d skipped (done before), %d failed, %d not run, in %s%n",
                    report.count(lens.batch.runs.RunStatus.COMPLETED), report.count(lens.batch.runs.RunStatus.SKIPPED),
                    report.count(lens.batch.runs.RunStatus.FAILED), report.count(lens.batch.runs.RunStatus.NOT_RUN),
                    ProgressBar.clock(report.wallTime()));
            return report.allDone() ? 0 : 1;
        } finally {
            finished.countDown();
            if (onCtrlC != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(onCtrlC);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running: it waits for this countdown
                }
            }
        }
    }

    private Map<String, Object> properties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("lens.schedule.enabled", "false");
        // This command closes the context itself after a clean stop; Spring's own hook would close it mid-run.
        properties.put("spring.main.register-shutdown-hook", "false");
        if (launcher != null) {
            properties.put("lens.batch.launcher", launcher);
        }
        if (master != null) {
            properties.put("lens.batch.spark.master", master);
        }
        return properties;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
