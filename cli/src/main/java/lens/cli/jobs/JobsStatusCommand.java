package lens.cli.jobs;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import lens.batch.BatchApplication;
import lens.batch.runs.RunHistory;
import lens.batch.runs.RunRecord;
import lens.cli.CommonOptions;
import lens.cli.boot.LensApps;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lens jobs status}: the latest executions, failures with their failed step and reason. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "List recent job runs and failures.")
public final class JobsStatusCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common = new CommonOptions();

    @Option(names = "--limit", defaultValue = "20", description = "Runs to show (default: ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--failed", description = "Only failed runs")
    boolean failedOnly;

    PrintStream out = System.out;

    @Override
    public Integer call() {
        // Reading the job repository needs no broker.
        try (ConfigurableApplicationContext batch = LensApps.start(BatchApplication.class, common.workdir(), "",
                Map.of("lens.schedule.enabled", "false"))) {
            List<RunRecord> runs = batch.getBean(RunHistory.class).recent(limit, failedOnly);
            out.print(table(runs));
            long failed = runs.stream().filter(RunRecord::failed).count();
            out.printf("%d run(s) shown, %d failed%s%n", runs.size(), failed,
                    failed > 0 ? "; restart one with: lens jobs restart <execution>" : "");
            return 0;
        }
    }

    static String table(List<RunRecord> runs) {
        StringBuilder text = new StringBuilder(String.format("%9s  %-21s %-13s %3s %-9s %-9s %-19s %8s  %-15s %s%n",
                "EXECUTION", "JOB", "WINDOW", "V", "STATUS", "TRIGGER", "STARTED", "DURATION", "FAILED STEP", "MESSAGE"));
        for (RunRecord run : runs) {
            text.append(String.format("%9d  %-21s %-13s %3s %-9s %-9s %-19s %7.1fs  %-15s %s%n", run.executionId(),
                    run.job(), run.window(), run.version() == null ? "-" : run.version(), run.status(),
                    run.trigger() == null ? "-" : run.trigger(),
                    run.start() == null ? "-" : run.start().withNano(0).toString().replace('T', ' '),
                    run.duration().toMillis() / 1000.0, run.failedStep() == null ? "" : run.failedStep(),
                    run.message() == null || !run.failed() ? "" : run.message()));
        }
        return text.toString();
    }
}
