package lens.cli.jobs;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.Callable;
import lens.batch.BatchApplication;
import lens.batch.runs.RunOutcome;
import lens.batch.runs.WindowRunner;
import lens.cli.CommonOptions;
import lens.cli.boot.LensApps;
import lens.cli.broker.KafkaConnection;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lens jobs restart <execution>}: resumes a failed run at its failed step. */
@Command(name = "restart", mixinStandardHelpOptions = true,
        description = "Restart a failed or stopped run from its failed step.")
public final class JobsRestartCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common = new CommonOptions();

    @Parameters(index = "0", paramLabel = "EXECUTION", description = "Execution id (see lens jobs status)")
    long executionId;

    @Option(names = "--recover", description = "The run is marked running but its JVM died: mark it failed first")
    boolean recover;

    PrintStream out = System.out;

    @Override
    public Integer call() {
        try (KafkaConnection kafka = KafkaConnection.open(common.workdir(), common.bootstrapServersOrNull());
             ConfigurableApplicationContext batch = LensApps.start(BatchApplication.class, common.workdir(),
                     kafka.bootstrapServers(), Map.of("lens.schedule.enabled", "false"))) {
            RunOutcome outcome = batch.getBean(WindowRunner.class).restart(executionId, recover);
            out.printf("%s %s v%d: %s (execution %s)%s%n", outcome.job(), outcome.window(), outcome.version(),
                    outcome.status(), outcome.executionId(), outcome.message() == null ? "" : " - " + outcome.message());
            return outcome.ok() ? 0 : 1;
        }
    }
}
