package lens.batch.recovery;

import java.time.Clock;
import javax.sql.DataSource;
import lens.batch.config.LensBatchProperties;
import lens.batch.config.ScheduleProperties;
import lens.batch.runs.WindowRunner;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Heartbeats, run ownership and the recovery of runs whose JVM died. */
@Configuration(proxyBeanMethods = false)
public class RecoveryConfiguration {

    @Bean
    public NodeRegistry nodeRegistry(DataSource dataSource, Clock clock) {
        return new NodeRegistry(dataSource, clock);
    }

    @Bean
    public RunOwnership runOwnership(NodeRegistry nodes, JobRepository repository) {
        return new RunOwnership(nodes, repository);
    }

    @Bean
    public DeadRunRecovery deadRunRecovery(JobRepository repository, JobOperator operator, NodeRegistry nodes,
                                           LensBatchProperties props) {
        return new DeadRunRecovery(repository, operator, nodes, props);
    }

    @Bean
    public RecoveryService recoveryService(NodeRegistry nodes, DeadRunRecovery recovery, WindowRunner runner,
                                           LensBatchProperties props, ScheduleProperties schedule) {
        LensBatchProperties.Recovery settings = props.recovery();
        boolean restart = settings.restart() != null ? settings.restart() : schedule.enabled();
        return new RecoveryService(nodes, recovery, runner, settings.heartbeat().toMillis(),
                settings.scanInterval().toMillis(), restart);
    }
}
