package lens.batch.schedule;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;

/** Periodic late-data check; one node of a cluster runs it at a time. */
@DisallowConcurrentExecution
public class LateDataQuartzJob implements Job {

    @Autowired
    private LateDataRerunner rerunner;

    @Override
    public void execute(JobExecutionContext context) {
        rerunner.check();
    }
}
