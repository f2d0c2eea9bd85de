package lens.batch.backfill;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lens.batch.runs.RunStatus;
import lens.batch.support.BatchTestContext;
import lens.batch.support.HourCountJob;
import lens.batch.support.TestApps;
import lens.batch.support.TestLake;
import lens.events.EventHour;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Not a test: prints the wall time of a 24-hour backfill of two hourly jobs with each launcher. Run with
 * {@code -Dtest=BackfillBenchmark -Dlens.benchmark=true} (see batch-jobs/README.md).
 */
@Tag("benchmark")
@EnabledIfSystemProperty(named = "lens.benchmark", matches = "true")
class BackfillBenchmark {

    static final EventHour FROM = EventHour.parse("2026-07-01T00");
    static final EventHour TO = FROM.plusHours(23);

    @Test
    void backfill24HoursWithEachLauncher() {
        Path workdir = BatchTestContext.newWorkdir();
        TestLake lake = new TestLake(workdir.resolve("lake"));
        for (EventHour hour = FROM; hour.compareTo(TO) <= 0; hour = hour.plusHours(1)) {
            lake.landHour(hour, 500 + hour.hourOfDay() * 10, 50);
        }
        int parallel = Integer.getInteger("lens.benchmark.parallel", 2);
        for (String launcher : List.of("in-process", "spark-submit")) {
            Path run = workdir.resolve(launcher);
            Map<String, Object> properties = Map.of("lens.lake.root", workdir.resolve("lake").toString(),
                    "lens.batch.launcher", launcher,
                    "lens.batch.submit.main-class", "lens.batch.support.TestJobsSubmitMain",
                    "lens.batch.submit.driver-memory", "768m");
            try (ConfigurableApplicationContext context = TestApps.start(run, null, properties)) {
                BackfillReport report = context.getBean(BackfillService.class).backfill(
                        List.of(HourCountJob.COUNT, HourCountJob.RATE), FROM, TO, parallel, false,
                        ProgressListener.NONE);
                System.out.printf("BENCHMARK launcher=%s hours=24 jobs=2 parallel=%d completed=%d failed=%d "
                                + "wall=%.1fs%n", launcher, parallel, report.count(RunStatus.COMPLETED),
                        report.count(RunStatus.FAILED), report.wallTime().toMillis() / 1000.0);
            }
        }
    }
}
