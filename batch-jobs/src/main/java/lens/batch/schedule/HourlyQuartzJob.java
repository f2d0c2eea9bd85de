package lens.batch.schedule;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;

/** The Quartz side of one hourly job: each firing (cron or startup catch-up) runs what is due. */
@DisallowConcurrentExecution
public class HourlyQuartzJob implements Job {

    public static final String JOB = "lensJob";

    @Autowired
    private HourlyScheduler scheduler;

    @Override
    public void execute(JobExecutionContext context) {
        scheduler.fire(context.getMergedJobDataMap().getString(JOB));
    }
}
