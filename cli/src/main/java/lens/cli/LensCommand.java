package lens.cli;

import lens.cli.backfill.BackfillCommand;
import lens.cli.compact.CompactCommand;
import lens.cli.demo.DemoCommand;
import lens.cli.ingest.IngestCommand;
import lens.cli.jobs.JobsCommand;
import lens.cli.run.RunCommand;
import lens.cli.model.ModelCommand;
import lens.cli.replay.ReplayCommand;
import lens.cli.report.ReportCommand;
import lens.cli.simulate.SimulateCommand;
import picocli.CommandLine.Command;

@Command(name = "lens", mixinStandardHelpOptions = true, version = "LENS Pipeline 0.1.0",
        description = "LENS Pipeline: Kafka events -> Parquet lake -> hourly Spark ALS, metrics and A/B reports.",
        subcommands = {
                DemoCommand.class,
                SimulateCommand.class,
                IngestCommand.class,
                RunCommand.class,
                BackfillCommand.class,
                CompactCommand.class,
                JobsCommand.class,
                ReplayCommand.class,
                ModelCommand.class,
                ReportCommand.class,
                SchemasCommand.class,
        })
public final class LensCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }
}
