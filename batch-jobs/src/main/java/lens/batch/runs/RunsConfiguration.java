package lens.batch.runs;

import lens.batch.backfill.BackfillService;
import lens.batch.config.LensBatchProperties;
import lens.batch.recovery.DeadRunRecovery;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Running windows: the runner the scheduler, backfills and the CLI share. */
@Configuration(proxyBeanMethods = false)
public class RunsConfiguration {

    @Bean
    public WindowRunner windowRunner(JobOperator operator, JobRepository repository, BeanFactory beans,
                                     DeadRunRecovery recovery, LensBatchProperties props) {
        return new WindowRunner(operator, repository, beans, recovery, props);
    }

    @Bean
    public RunHistory runHistory(javax.sql.DataSource dataSource) {
        return new RunHistory(dataSource);
    }

    @Bean
    public BackfillService backfillService(WindowRunner runner, LensBatchProperties props) {
        return new BackfillService(runner, props);
    }
}
