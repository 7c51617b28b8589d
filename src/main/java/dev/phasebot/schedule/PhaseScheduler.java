package dev.phasebot.schedule;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TimeZone;
import java.util.stream.Collectors;
import org.quartz.CronScheduleBuilder;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.spi.JobFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quartz, holding nothing of its own: cron jobs come from the config, one-shot triggers
 * from the timer rows. Quartz keeps them in memory only (its JDBC store cannot run on SQLite
 * with clustering), so after a restart {@link TimerService#rearmAll()} arms them again from
 * the rows, and a watchdog fires any due timer that slipped through.
 */
public final class PhaseScheduler implements TimerService.Arming, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PhaseScheduler.class);
    private static final String TIMER_GROUP = "timer";
    private static final String CRON_GROUP = "cron";
    private static final String WATCHDOG = "watchdog";

    private final Map<String, Runnable> cronTasks = new java.util.concurrent.ConcurrentHashMap<>();
    private final Properties props = new Properties();
    /** Made by {@link #start}: a bot that never starts (most tests, a failed start-up) costs no Quartz threads. */
    private volatile Scheduler scheduler;

    public PhaseScheduler() {
        // Quartz keeps schedulers in a JVM-wide registry by name: two bots in one JVM (tests,
        // a restart in a test) must not get the same one.
        props.setProperty("org.quartz.scheduler.instanceName", "phasebot-" + java.util.UUID.randomUUID());
        props.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        props.setProperty("org.quartz.threadPool.threadCount", "3");
        props.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        props.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
        // The process's life is the adapter's to decide; a scheduler left running must not keep a JVM up.
        props.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
        props.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
    }

    private Scheduler quartz() {
        Scheduler scheduler = this.scheduler;
        if (scheduler == null) {
            throw new IllegalStateException("start the scheduler before scheduling jobs on it");
        }
        return scheduler;
    }

    /** A weekly cron: at {@code time} on {@code days}, in {@code zone} (DST included). */
    public void cron(String name, LocalTime time, List<DayOfWeek> days, ZoneId zone, Runnable task) {
        cronTasks.put(name, task);
        JobDetail job =
                JobBuilder.newJob(Job.class).withIdentity(name, CRON_GROUP).build();
        // Do-nothing misfire: a cron missed while the bot was down is caught up by the
        // start-up code of its feature, which knows whether it still makes sense.
        Trigger trigger = TriggerBuilder.newTrigger()
                .withIdentity(name, CRON_GROUP)
                .withSchedule(CronScheduleBuilder.cronSchedule(cronExpression(time, days))
                        .inTimeZone(TimeZone.getTimeZone(zone))
                        .withMisfireHandlingInstructionDoNothing())
                .build();
        schedule(job, trigger);
    }

    /** Fires every due timer every {@code period}, in case one was not armed or its trigger was lost. */
    public void watchdog(Duration period) {
        JobDetail job =
                JobBuilder.newJob(Job.class).withIdentity(WATCHDOG, CRON_GROUP).build();
        Trigger trigger = TriggerBuilder.newTrigger()
                .withIdentity(WATCHDOG, CRON_GROUP)
                .startAt(Date.from(Instant.now().plus(period)))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(period.toMillis())
                        .repeatForever()
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
        schedule(job, trigger);
    }

    /** A one-shot job at {@code at} that is no timer row (benchmarks measure Quartz alone with it). */
    public void oneShot(String name, Instant at, Runnable task) {
        cronTasks.put(name, task);
        JobDetail job =
                JobBuilder.newJob(Job.class).withIdentity(name, CRON_GROUP).build();
        Trigger trigger = TriggerBuilder.newTrigger()
                .withIdentity(name, CRON_GROUP)
                .startAt(Date.from(at))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                .build();
        schedule(job, trigger);
    }

    /**
     * Arms a timer row in Quartz. Before {@link #start} nothing is armed: nothing could fire yet,
     * and {@link TimerService#rearmAll()} arms every pending row once the scheduler runs.
     */
    @Override
    public void arm(long timerId, Instant dueAt) {
        Scheduler scheduler = this.scheduler;
        if (scheduler == null) {
            return;
        }
        String name = Long.toString(timerId);
        JobDetail job =
                JobBuilder.newJob(Job.class).withIdentity(name, TIMER_GROUP).build();
        // A due time in the past fires at once: that is the "late timer after a restart" case.
        Trigger trigger = TriggerBuilder.newTrigger()
                .withIdentity(name, TIMER_GROUP)
                .startAt(Date.from(dueAt))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                .build();
        try {
            if (scheduler.checkExists(job.getKey())) {
                return;
            }
            scheduler.scheduleJob(job, trigger);
        } catch (SchedulerException e) {
            log.error("cannot arm timer {}; the watchdog will fire it", timerId, e);
        }
    }

    /**
     * Starts firing, with {@code timers} as what its timer triggers and watchdog fire: the
     * timer rows' owner, which arms its rows here ({@link TimerService#rearmAll()}) after this.
     * Cron and one-shot jobs are scheduled after this too.
     */
    public synchronized void start(TimerService timers) {
        if (scheduler != null) {
            throw new IllegalStateException("the scheduler is started already");
        }
        try {
            Scheduler made = new StdSchedulerFactory(props).getScheduler();
            made.setJobFactory(jobFactory(timers));
            made.start();
            scheduler = made;
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot start the Quartz scheduler", e);
        }
    }

    /** Started and not shut down: what readiness asks. */
    public boolean isRunning() {
        Scheduler scheduler = this.scheduler;
        try {
            return scheduler != null
                    && scheduler.isStarted()
                    && !scheduler.isShutdown()
                    && !scheduler.isInStandbyMode();
        } catch (SchedulerException e) {
            return false;
        }
    }

    /** The next instants a cron job registered under {@code name} will fire, for logs and status. */
    public Instant nextFire(String name) {
        try {
            Scheduler scheduler = this.scheduler;
            if (scheduler == null) {
                return null;
            }
            Trigger trigger = scheduler.getTrigger(org.quartz.TriggerKey.triggerKey(name, CRON_GROUP));
            Date next = trigger == null ? null : trigger.getNextFireTime();
            return next == null ? null : next.toInstant();
        } catch (SchedulerException e) {
            return null;
        }
    }

    /**
     * Stops firing and forgets every job; {@link #start} may run again after it (a replica that
     * lost the lead and later takes it back schedules everything anew).
     */
    @Override
    public synchronized void close() {
        Scheduler scheduler = this.scheduler;
        if (scheduler == null) {
            return;
        }
        this.scheduler = null;
        try {
            scheduler.shutdown(true);
        } catch (SchedulerException e) {
            log.warn("Quartz did not shut down cleanly", e);
        }
    }

    /** Quartz's day-of-week field for a weekly schedule; seconds and minutes from {@code time}. */
    public static String cronExpression(LocalTime time, List<DayOfWeek> days) {
        String dayList = days.stream().map(d -> d.name().substring(0, 3)).collect(Collectors.joining(","));
        return "0 " + time.getMinute() + " " + time.getHour() + " ? * " + dayList;
    }

    private void schedule(JobDetail job, Trigger trigger) {
        try {
            quartz().scheduleJob(job, trigger);
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot schedule " + job.getKey(), e);
        }
    }

    /** Jobs get their collaborators from here, never from statics. */
    private JobFactory jobFactory(TimerService timers) {
        return (bundle, quartz) -> {
            JobKey key = bundle.getJobDetail().getKey();
            if (TIMER_GROUP.equals(key.getGroup())) {
                long id = Long.parseLong(key.getName());
                return context -> timers.fire(id);
            }
            Runnable task = WATCHDOG.equals(key.getName()) ? timers::runDue : cronTasks.get(key.getName());
            return context -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.error("scheduled job {} failed", key.getName(), e);
                }
            };
        };
    }
}
