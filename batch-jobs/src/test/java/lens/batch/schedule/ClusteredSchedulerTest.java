package lens.batch.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lens.batch.support.AcceleratedClock;
import lens.batch.support.BatchTestContext;
import lens.batch.support.HourCountJob;
import lens.batch.support.TestApps;
import lens.batch.support.TestBroker;
import lens.batch.support.TestLake;
import lens.batch.support.TestPostgres;
import lens.events.EventHour;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two scheduler nodes on one PostgreSQL job repository and Quartz store, firing every few seconds while a fast
 * clock moves an hour on every few seconds: each (job, hour) runs exactly once, across both nodes; when the
 * node doing the work leaves, the other one goes on with the next hours.
 */
@Tag("slow")
class ClusteredSchedulerTest {

    static final EventHour H0 = EventHour.parse("2026-09-01T00");

    @Test
    void givenTwoNodesOnPostgres_whenSeveralHoursAreDue_thenEachJobAndHourRunsAndPublishesExactlyOnce()
            throws Exception {
        try (TestPostgres postgres = TestPostgres.schemaOrSkip()) {
            Path workdir = BatchTestContext.newWorkdir();
            TestLake lake = new TestLake(workdir.resolve("lake"));
            for (int h = 0; h < 14; h++) {
                lake.landHour(H0.plusHours(h), 6 + h, 1);
            }
            // One simulated hour every 8 real seconds, starting just after H0 became due.
            AcceleratedClock clock = new AcceleratedClock(H0.end().plus(Duration.ofMinutes(11)), 450);
            Map<String, Object> node = new HashMap<>(Map.of(
                    "lens.schedule.enabled", "true",
                    "lens.db.url", postgres.url(), "lens.db.username", postgres.user(),
                    "lens.schedule.cron.hour-count", "0/3 * * * * ?",
                    "lens.schedule.cron.rate-report", "0/3 * * * * ?",
                    "lens.batch.input-timeout", "0s",
                    "spring.quartz.wait-for-jobs-to-complete-on-shutdown", "true"));
            com.zaxxer.hikari.HikariDataSource pool = new com.zaxxer.hikari.HikariDataSource();
            pool.setJdbcUrl(postgres.url());
            pool.setUsername(postgres.user());
            pool.setMaximumPoolSize(20);
            ConfigurableApplicationContext first = TestApps.start(workdir, clock, pool, node);
            ConfigurableApplicationContext second = TestApps.start(workdir, clock, pool, node);
            Thread.sleep(20_000);
            // Take away the node that did the latest run: the other one carries on with the next hours.
            org.springframework.batch.core.repository.JobRepository repository =
                    first.getBean(org.springframework.batch.core.repository.JobRepository.class);
            String busiest = latestOwner(repository);
            boolean firstIsBusiest = busiest.equals(first.getBean(lens.batch.recovery.NodeRegistry.class).nodeId());
            ConfigurableApplicationContext survivor = firstIsBusiest ? second : first;
            (firstIsBusiest ? first : second).close();
            Thread.sleep(20_000);
            java.util.Set<String> owners = new java.util.TreeSet<>();
            repository = survivor.getBean(org.springframework.batch.core.repository.JobRepository.class);
            for (String job : List.of(HourCountJob.COUNT, HourCountJob.RATE)) {
                for (var instance : repository.findJobInstances(job)) {
                    for (var execution : repository.getJobExecutions(instance)) {
                        owners.add(lens.batch.recovery.RunOwnership.ownerOf(execution));
                    }
                }
            }
            survivor.close();

            JdbcTemplate jdbc = new JdbcTemplate(pool);
            List<Map<String, Object>> runs = jdbc.queryForList("""
                    SELECT i.job_name, w.parameter_value AS window_id, v.parameter_value AS version,
                           COUNT(DISTINCT e.job_execution_id) AS executions, MAX(e.status) AS status
                      FROM batch_job_instance i
                      JOIN batch_job_execution e ON e.job_instance_id = i.job_instance_id
                      JOIN batch_job_execution_params w ON w.job_execution_id = e.job_execution_id
                           AND w.parameter_name = 'window'
                      JOIN batch_job_execution_params v ON v.job_execution_id = e.job_execution_id
                           AND v.parameter_name = 'version'
                     GROUP BY i.job_name, w.parameter_value, v.parameter_value
                     ORDER BY 1, 2""");
            Map<String, List<String>> windowsPerJob = new TreeMap<>();
            for (Map<String, Object> run : runs) {
                assertThat(run.get("version")).as("no second version of " + run).isEqualTo("1");
                assertThat(((Number) run.get("executions")).intValue()).as("one execution: " + run).isEqualTo(1);
                assertThat(run.get("status")).as(run.toString()).isIn("COMPLETED", "STARTED");
                windowsPerJob.computeIfAbsent((String) run.get("job_name"), k -> new java.util.ArrayList<>())
                        .add((String) run.get("window_id"));
            }
            assertThat(windowsPerJob).containsOnlyKeys(HourCountJob.COUNT, HourCountJob.RATE);
            for (List<String> windows : windowsPerJob.values()) {
                assertThat(windows.size()).as("several trigger periods passed: " + windows).isGreaterThanOrEqualTo(3);
                // The first due hour depends on how long the nodes took to start; from there on, every hour once.
                EventHour firstWindow = EventHour.parse(windows.get(0));
                for (int i = 0; i < windows.size(); i++) {
                    assertThat(windows.get(i)).as("no gap, no repeat: " + windows).isEqualTo(firstWindow.plusHours(i).id());
                }
            }
            List<TestBroker.Published> published = TestBroker.modelMetrics(HourCountJob.COUNT, HourCountJob.RATE)
                    .stream().filter(p -> p.metric().window().startsWith("2026-09-01")).toList();
            Map<String, Long> perKey = new TreeMap<>();
            published.forEach(p -> perKey.merge(p.key() + " v" + p.metric().version(), 1L, Long::sum));
            assertThat(perKey.values()).as("one message per (job, hour, version): " + perKey).containsOnly(1L);
            long completed = runs.stream().filter(r -> "COMPLETED".equals(r.get("status"))).count();
            assertThat(published).hasSize((int) completed);
            System.out.printf("cluster: %d runs over %s, run by nodes %s%n", runs.size(), windowsPerJob, owners);
            assertThat(owners).as("both nodes ran hours").hasSize(2);
            pool.close();
        }
    }

    private static String latestOwner(org.springframework.batch.core.repository.JobRepository repository) {
        long latestId = -1;
        String owner = null;
        for (String job : List.of(HourCountJob.COUNT, HourCountJob.RATE)) {
            for (var instance : repository.findJobInstances(job)) {
                for (var execution : repository.getJobExecutions(instance)) {
                    if (execution.getId() > latestId) {
                        latestId = execution.getId();
                        owner = lens.batch.recovery.RunOwnership.ownerOf(execution);
                    }
                }
            }
        }
        if (owner == null) {
            throw new AssertionError("no run within 20 s of starting two nodes");
        }
        return owner;
    }
}
