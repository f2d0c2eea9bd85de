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
 * clock moves an hour on every few seconds: each (job, hour) runs exactly once, across both nodes.
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
            Thread.sleep(40_000);
            second.close();
            first.close();

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
                EventHour first = EventHour.parse(windows.get(0));
                for (int i = 0; i < windows.size(); i++) {
                    assertThat(windows.get(i)).as("no gap, no repeat: " + windows).isEqualTo(first.plusHours(i).id());
                }
            }
            java.util.Set<String> owners = new java.util.TreeSet<>();
            java.util.regex.Pattern node = java.util.regex.Pattern.compile("[\\w.-]+:\\d+:[0-9a-f]{8}");
            for (String context : jdbc.queryForList("SELECT short_context FROM batch_job_execution_context",
                    String.class)) {
                java.util.regex.Matcher m = node.matcher(context);
                if (m.find()) {
                    owners.add(m.group());
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
            assertThat(owners).isNotEmpty().hasSizeLessThanOrEqualTo(2);
            pool.close();
        }
    }
}
