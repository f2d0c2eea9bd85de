package lens.batch.schedule;

import java.util.Date;
import java.util.Set;
import java.util.TimeZone;
import lens.batch.config.LensBatchProperties;
import lens.batch.config.ScheduleProperties;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Puts the triggers into the Quartz store: per job a cron trigger and a one-shot "startup" trigger (the downtime
 * catch-up, run by one node of a cluster), and the periodic late-data check. Replacing on every start keeps the
 * store in line with the configuration.
 */
public class ScheduleRegistrar implements SmartInitializingSingleton {

    static final String GROUP = "lens";

    private final Scheduler scheduler;
    private final LensBatchProperties props;
    private final ScheduleProperties schedule;

    public ScheduleRegistrar(Scheduler scheduler, LensBatchProperties props, ScheduleProperties schedule) {
        this.scheduler = scheduler;
        this.props = props;
        this.schedule = schedule;
    }

    @Override
    public void afterSingletonsInstantiated() {
        try {
            for (String job : props.jobs()) {
                JobDetail detail = JobBuilder.newJob(HourlyQuartzJob.class).withIdentity("hourly-" + job, GROUP)
                        .usingJobData(HourlyQuartzJob.JOB, job).storeDurably().requestRecovery().build();
                Trigger cron = TriggerBuilder.newTrigger().withIdentity("cron-" + job, GROUP).forJob(detail)
                        .withSchedule(CronScheduleBuilder.cronSchedule(schedule.cronOf(job))
                                .inTimeZone(TimeZone.getTimeZone("UTC"))
                                // Missed firings are not replayed by Quartz: the next firing catches up itself.
                                .withMisfireHandlingInstructionDoNothing())
                        .build();
                Trigger startup = TriggerBuilder.newTrigger().withIdentity("startup-" + job, GROUP).forJob(detail)
                        .startAt(new Date())
                        .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                        .build();
                scheduler.scheduleJob(detail, Set.of(cron, startup), true);
            }
            JobDetail late = JobBuilder.newJob(LateDataQuartzJob.class).withIdentity("late-data", GROUP)
                    .storeDurably().build();
            Trigger every = TriggerBuilder.newTrigger().withIdentity("late-data", GROUP).forJob(late)
                    .startAt(new Date(System.currentTimeMillis() + schedule.lateDataCheck().toMillis()))
                    .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                            .withIntervalInMilliseconds(schedule.lateDataCheck().toMillis()).repeatForever()
                            .withMisfireHandlingInstructionNextWithRemainingCount())
                    .build();
            scheduler.scheduleJob(late, Set.of(every), true);
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot register the LENS triggers with Quartz", e);
        }
    }
}
