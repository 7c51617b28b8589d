package dev.phasebot;

import dev.phasebot.api.ApiCommands;
import dev.phasebot.api.ApiHandler;
import dev.phasebot.api.ApiRoutes;
import dev.phasebot.api.ApiTokens;
import dev.phasebot.command.AgentDirectory;
import dev.phasebot.command.CommandDispatcher;
import dev.phasebot.config.BotConfig;
import dev.phasebot.config.ConfigLoader;
import dev.phasebot.delivery.DeliveryWorker;
import dev.phasebot.delivery.Outbox;
import dev.phasebot.delivery.Transport;
import dev.phasebot.incident.IncidentCommands;
import dev.phasebot.incident.IncidentQueries;
import dev.phasebot.incident.IncidentService;
import dev.phasebot.oncall.OnCall;
import dev.phasebot.oncall.OnCallCommands;
import dev.phasebot.oncall.OnCallDocs;
import dev.phasebot.oncall.Overrides;
import dev.phasebot.ops.BotChecks;
import dev.phasebot.ops.BotMetrics;
import dev.phasebot.ops.OpsPages;
import dev.phasebot.ops.StoreReadings;
import dev.phasebot.paging.Pagers;
import dev.phasebot.paging.PagingSettings;
import dev.phasebot.phase.NextUp;
import dev.phasebot.phase.NextUpDocs;
import dev.phasebot.phase.PhaseCommands;
import dev.phasebot.phase.PhaseHistory;
import dev.phasebot.phase.PhaseLifecycle;
import dev.phasebot.phase.Phases;
import dev.phasebot.phase.PlanOutlook;
import dev.phasebot.phase.PlanReload;
import dev.phasebot.plan.CurrentPlan;
import dev.phasebot.plan.Dashboard;
import dev.phasebot.plan.GateChanges;
import dev.phasebot.plan.PhaseStart;
import dev.phasebot.plan.PlanCommands;
import dev.phasebot.plan.PlanService;
import dev.phasebot.plan.PlanWriter;
import dev.phasebot.plan.TaskChanges;
import dev.phasebot.review.ReviewCommands;
import dev.phasebot.review.ReviewInputs;
import dev.phasebot.review.ReviewLog;
import dev.phasebot.review.ReviewSession;
import dev.phasebot.schedule.PhaseScheduler;
import dev.phasebot.schedule.TimerService;
import dev.phasebot.standup.StandupCalendar;
import dev.phasebot.standup.StandupCommands;
import dev.phasebot.standup.StandupReports;
import dev.phasebot.standup.StandupSession;
import dev.phasebot.standup.StandupUpdates;
import dev.phasebot.standup.SummaryPoster;
import dev.phasebot.store.AuditLog;
import dev.phasebot.store.Database;
import dev.phasebot.store.Leadership;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All of phasebot's parts, wired by hand in the order they depend on each other: config,
 * database, core services, then (in {@link #start}) delivery and the scheduler. Adapters are
 * built outside and given {@link #dispatcher()}. Tests build one per scenario over a temp file.
 */
public final class Phasebot implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Phasebot.class);
    static final Duration WATCHDOG_PERIOD = Duration.ofMinutes(1);
    /** Calls a minute one agent's token may make: far above a working agent, well below a loop. */
    static final int API_CALLS_PER_MINUTE = 60;

    private final BotConfig config;
    private final PhaseStart phaseStart;
    private final Clock clock;
    private final Database database;
    private final BotMetrics metrics;
    private final Outbox outbox;
    private final TimerService timers;
    private final AgentDirectory agents;
    private final StandupCalendar standupCalendar;
    private final StandupSession standupSession;
    private final StandupUpdates standupUpdates;
    private final StandupReports standupReports;
    private final IncidentService incidents;
    private final IncidentQueries incidentQueries;
    private final PlanWriter planWriter;
    private final Phases phases;
    private final PhaseLifecycle lifecycle;
    private final PlanService plan;
    private final TaskChanges tasks;
    private final GateChanges gates;
    private final Dashboard dashboard;
    private final PlanOutlook planOutlook;
    private final ReviewLog reviewLog;
    private final ReviewSession reviewSession;
    private final CommandDispatcher dispatcher;
    private final StandupCommands standupCommands;
    private final IncidentCommands incidentCommands;
    private final ApiTokens apiTokens;
    private final ApiHandler api;
    private final Pagers pagers;
    private volatile DeliveryWorker worker;
    private final PhaseScheduler scheduler;
    /** Set by {@link #start}, read by {@link #lead} on whichever thread the lease starts it. */
    private volatile Transport transport;
    /** Whether this replica runs the leader's work now (guarded by this). */
    private boolean leading;

    public Phasebot(BotConfig config, Path databaseFile, Clock clock, boolean everyoneReachable) {
        this(config, Database.open(databaseFile), clock, everyoneReachable);
    }

    /** Over a store already open (SQLite's file, or PostgreSQL's {@link Database#openPostgres}), paging Slack only. */
    public Phasebot(BotConfig config, Database database, Clock clock, boolean everyoneReachable) {
        this(config, database, clock, everyoneReachable, PagingSettings.none());
    }

    /** {@code paging}: the pagers outside Slack that CRITICAL incidents page too. */
    public Phasebot(
            BotConfig config, Database database, Clock clock, boolean everyoneReachable, PagingSettings paging) {
        this(config, database, clock, everyoneReachable, paging, Path.of("bot-config.yml"));
    }

    /** {@code configFile}: the file {@code config} was read from (PHASEBOT_CONFIG), which {@code /phase reload} re-reads. */
    public Phasebot(
            BotConfig config,
            Database database,
            Clock clock,
            boolean everyoneReachable,
            PagingSettings paging,
            Path configFile) {
        BotConfig asLoaded = config;
        // Where config meets the store: a config without phase.start gets the day this phase first ran, so every
        // service below (due dates, rotations, the dashboard) reads one effective first day.
        this.phaseStart = PhaseStart.resolve(config, database, clock);
        config = config.withPhaseStart(phaseStart.day());
        this.config = config;
        this.pagers = new Pagers(paging, clock);
        this.clock = clock;
        this.database = database;
        this.metrics = new BotMetrics(new StoreReadings(database, clock));
        this.outbox = new Outbox(clock);
        // Quartz arms each new timer row; it fires them once started with the rows (start()).
        this.scheduler = new PhaseScheduler();
        this.timers = new TimerService(database, clock, scheduler, metrics.registry());
        // Replicas write timers and messages too; the leader arms and sends them as they commit.
        database.listen("timer", this::armAnnounced);
        database.listen("outbox", detail -> {
            DeliveryWorker running = worker;
            if (running != null) {
                running.wake();
            }
        });
        io.micrometer.core.instrument.Gauge.builder(
                        "phasebot.leader", database.leadership(), lease -> lease.held() ? 1 : 0)
                .description("1 while this replica leads (runs the schedules, timers and delivery), 0 as a standby")
                .tag("store", database.shared() ? "postgresql" : "sqlite")
                .register(metrics.registry());
        this.agents = new AgentDirectory(config, database, everyoneReachable);
        AuditLog audit = new AuditLog();
        OnCall onCall = new OnCall(config, database, clock);
        // The plan as last (re)loaded, for what the store does not keep of it: /phase reload replaces it.
        CurrentPlan currentPlan = new CurrentPlan(config.plan());
        this.incidents = new IncidentService(
                config, database, outbox, timers, audit, clock, onCall, paging.pagers(), currentPlan::spec);
        this.incidentQueries = new IncidentQueries(config, database, clock);
        this.planWriter = new PlanWriter(database);
        // Before the plan is loaded: a config naming the next phase ends this one and empties the live plan.
        this.phases = new Phases(database);
        this.lifecycle = new PhaseLifecycle(config, database, phases, planWriter, outbox, audit, clock);
        lifecycle.enterAtStartUp(phaseStart.day());
        this.plan = new PlanService(
                config,
                database,
                planWriter,
                outbox,
                clock,
                () -> phases.current().ended());
        this.tasks = new TaskChanges(config, planWriter, outbox, audit, clock);
        this.gates = new GateChanges(config, planWriter, outbox, audit, clock);
        plan.syncFromConfig();
        this.planOutlook = new PlanOutlook(config, currentPlan, database, planWriter, outbox, audit, clock);
        planOutlook.syncFromConfig();
        // The standup's summary reads open incidents and task states when it is delivered: built after both, it gets
        // them once, here. The session and the updates share it: each queues or amends the day's summary.
        this.standupCalendar =
                new StandupCalendar(config.standup(), config.phase().zone());
        SummaryPoster standupSummaries = new SummaryPoster(
                config,
                database,
                outbox,
                standupCalendar,
                incidentQueries::openCritical,
                plan::describeTaskValue,
                currentPlan::spec);
        this.standupSession = new StandupSession(
                config,
                database,
                outbox,
                timers,
                agents,
                audit,
                clock,
                standupCalendar,
                standupSummaries,
                currentPlan::spec);
        this.standupUpdates = new StandupUpdates(config, database, audit, clock, standupCalendar, standupSummaries);
        this.standupReports = new StandupReports(config, database, standupCalendar, clock, currentPlan::spec);
        this.dashboard =
                new Dashboard(config, phaseStart, plan, incidentQueries::openCritical, planOutlook::counts, clock);
        // The review reads the other features' data through ReviewInputs and says it in its own words.
        this.reviewLog = new ReviewLog(config, database, audit, clock);
        this.reviewSession = new ReviewSession(
                config,
                database,
                outbox,
                timers,
                audit,
                clock,
                reviewLog,
                new ReviewInputs(
                        plan::gateProgress,
                        plan::overdue,
                        incidentQueries::week,
                        standupReports::participation,
                        planOutlook::unmetForReview,
                        planOutlook::openForReview,
                        tasks::addActionItem));
        this.standupCommands = new StandupCommands(
                config,
                standupSession,
                standupUpdates,
                standupReports,
                agents,
                database,
                audit,
                clock,
                new PhaseHistory(phases));
        this.incidentCommands =
                new IncidentCommands(config, incidents, incidentQueries, onCall, new PhaseHistory(phases), tasks);
        PlanCommands planCommands = new PlanCommands(config, plan, tasks, gates, clock);
        ReviewCommands reviewCommands = new ReviewCommands(config, reviewLog, reviewSession, new PhaseHistory(phases));
        PhaseCommands phaseCommands = new PhaseCommands(
                dashboard,
                new NextUp(config, standupCalendar, standupSession, plan, incidentQueries, clock),
                new NextUpDocs(config.phase().zone()),
                new PlanReload(configFile, asLoaded, new ConfigLoader(), plan, planOutlook, currentPlan, database),
                config.lead().id(),
                currentPlan,
                planOutlook,
                lifecycle);
        this.apiTokens = new ApiTokens(database, audit, clock, new SecureRandom());
        this.dispatcher = new CommandDispatcher(
                List.of(
                        standupCommands.table(),
                        incidentCommands.table(),
                        planCommands.taskTable(),
                        planCommands.gateTable(),
                        phaseCommands.table(),
                        reviewCommands.decisionTable(),
                        reviewCommands.metricTable(),
                        reviewCommands.reviewTable(),
                        new OnCallCommands(
                                        onCall,
                                        new Overrides(config, database, onCall, outbox, audit, clock),
                                        new OnCallDocs(config.phase().zone()),
                                        clock)
                                .table(),
                        new ApiCommands(config, apiTokens, clock).table()),
                agents,
                clock,
                config.phase().zone(),
                config.lead().id(),
                metrics.registry());
        // The API asks the dispatcher's tables who may, so it is built after them.
        this.api = new ApiHandler(
                apiTokens,
                agents,
                new ApiRoutes(
                        config,
                        standupReports,
                        standupUpdates,
                        incidents,
                        incidentQueries,
                        plan,
                        tasks,
                        gates,
                        reviewLog,
                        dispatcher,
                        new PhaseHistory(phases),
                        lifecycle),
                API_CALLS_PER_MINUTE,
                database,
                audit,
                clock);
    }

    /**
     * Starts delivery over {@code transport}, arms every timer from the store and the cron jobs,
     * once this replica leads: at once on a file, or when it takes the lease from the replicas
     * sharing a PostgreSQL database (until then it answers requests as a standby).
     */
    public void start(Transport transport) {
        this.transport = pagers.around(incidents.rooms().around(transport));
        database.leadership().start(new Leadership.Duties() {
            @Override
            public void lead() {
                Phasebot.this.lead();
            }

            @Override
            public void stepDown() {
                Phasebot.this.stepDown();
            }
        });
    }

    private synchronized void lead() {
        // Not once the replica is closing: a lead queued on the lease's thread may run after close began.
        if (leading || !database.leadership().held()) {
            return;
        }
        leading = true;
        try {
            worker = new DeliveryWorker(database, transport, clock, outbox, metrics.registry());
            worker.onRejected(incidents::deliveryFailed);
            worker.start();
            // Quartz first: rows are armed as they are re-read, and a row added meanwhile is armed as it is written.
            scheduler.start(timers);
            int rearmed = timers.rearmAll();
            scheduler.cron(
                    "standup-open",
                    config.standup().time(),
                    config.standup().days(),
                    config.phase().zone(),
                    whileLeading(standupSession::openScheduled));
            // The overdue check follows the standup: a minute after its window closes, on standup days.
            LocalTime afterStandup =
                    config.standup().time().plus(config.standup().window()).plusMinutes(1);
            scheduler.cron(
                    "overdue-check",
                    afterStandup,
                    config.standup().days(),
                    config.phase().zone(),
                    whileLeading(plan::overdueCheck));
            scheduler.cron(
                    "review-agenda",
                    config.review().time().minus(config.review().agendaBefore()),
                    List.of(config.review().day()),
                    config.phase().zone(),
                    whileLeading(reviewSession::postAgendaScheduled));
            scheduler.watchdog(WATCHDOG_PERIOD);
            standupSession.catchUp();
            reviewSession.catchUp();
            catchUpOverdueCheck(afterStandup);
            log.info(
                    "phasebot started: {} timers re-armed, next standup at {}",
                    rearmed,
                    scheduler.nextFire("standup-open"));
        } catch (RuntimeException e) {
            stepDown();
            throw e;
        }
    }

    /** A cron job that a replica which has just lost the lease, and not yet stopped its scheduler, skips. */
    private Runnable whileLeading(Runnable job) {
        return () -> {
            if (database.leadership().held()) {
                job.run();
            }
        };
    }

    /** The lease is lost: the new leader fires the timers and delivers from now on. */
    private synchronized void stepDown() {
        if (!leading) {
            return;
        }
        leading = false;
        scheduler.close();
        DeliveryWorker running = worker;
        if (running != null) {
            running.close();
        }
        log.info("stopped the schedules, the timers and delivery: the leader runs them");
    }

    /** A timer written by any replica is armed by the leader ("id dueMillis"; empty: arm every pending one). */
    private void armAnnounced(String detail) {
        if (!database.leadership().held() || !scheduler.isRunning()) {
            return;
        }
        if (detail.isEmpty()) {
            timers.pending().forEach(t -> scheduler.arm(t.id(), t.dueAt()));
            return;
        }
        String[] idAndDue = detail.split(" ");
        scheduler.arm(Long.parseLong(idAndDue[0]), java.time.Instant.ofEpochMilli(Long.parseLong(idAndDue[1])));
    }

    /** The overdue check of a standup day on which the bot was down at its time. */
    private void catchUpOverdueCheck(LocalTime at) {
        java.time.ZonedDateTime now = clock.instant().atZone(config.phase().zone());
        if (standupCalendar.isStandupDay(now.toLocalDate())
                && !now.toLocalTime().isBefore(at)) {
            plan.overdueCheck();
        }
    }

    public BotConfig config() {
        return config;
    }

    public Database database() {
        return database;
    }

    public Outbox outbox() {
        return outbox;
    }

    public TimerService timers() {
        return timers;
    }

    public AgentDirectory agents() {
        return agents;
    }

    /** Opens, reminds and closes the day's standup. */
    public StandupSession standupSession() {
        return standupSession;
    }

    /** Takes the agents' updates and days away. */
    public StandupUpdates standupUpdates() {
        return standupUpdates;
    }

    /** Reads what the standup tables say: status, history, participation. */
    public StandupReports standupReports() {
        return standupReports;
    }

    /** The standup's days and times, in the phase's zone. */
    public StandupCalendar standupCalendar() {
        return standupCalendar;
    }

    /** The pagers outside Slack; {@link Pagers#around} is how {@link #start} reaches them. */
    public Pagers pagers() {
        return pagers;
    }

    public IncidentService incidents() {
        return incidents;
    }

    /** Reading incidents: list, show, and what the other features read. */
    public IncidentQueries incidentQueries() {
        return incidentQueries;
    }

    /** The phases this install has run. */
    public Phases phases() {
        return phases;
    }

    /** The plan as a whole: read, loaded from the config, checked for overdue tasks. */
    public PlanService planService() {
        return plan;
    }

    /** Changes to the plan's tasks. */
    public TaskChanges taskChanges() {
        return tasks;
    }

    /** Changes to the quality gates. */
    public GateChanges gateChanges() {
        return gates;
    }

    /** Every change of the plan runs here; listeners (the App Home) are told of each. */
    public PlanWriter planWriter() {
        return planWriter;
    }

    /** Decisions, metrics and topics recorded for the review ({@code /decision}, {@code /metric}, {@code /review item}). */
    public ReviewLog reviewLog() {
        return reviewLog;
    }

    /** The weekly review as it runs: agenda, open, notes, close. */
    public ReviewSession reviewSession() {
        return reviewSession;
    }

    public Dashboard dashboard() {
        return dashboard;
    }

    public PlanOutlook planOutlook() {
        return planOutlook;
    }

    public CommandDispatcher dispatcher() {
        return dispatcher;
    }

    /** Where the standup form's answer goes (Slack modal, console questions). */
    public StandupCommands standupCommands() {
        return standupCommands;
    }

    /** Where the incident form's answer goes. */
    public IncidentCommands incidentCommands() {
        return incidentCommands;
    }

    /** The agents' API tokens ({@code /api token}). */
    public ApiTokens apiTokens() {
        return apiTokens;
    }

    /** {@code /api/v1}, to mount on the Slack request server or serve on its own ({@link dev.phasebot.api.ApiServer}). */
    public ApiHandler api() {
        return api;
    }

    /** This bot's meters: one registry per bot, given to each part that counts. */
    public MeterRegistry meters() {
        return metrics.registry();
    }

    /** {@code /healthz}, {@code /readyz} (store, scheduler, delivery) and {@code /metrics}; adapters add their checks. */
    public OpsPages opsPages() {
        return new OpsPages(
                BotChecks.of(database, scheduler, this::worker, new StoreReadings(database, clock))
                        .with(pagers.check()),
                metrics::scrape,
                database.leadership()::role);
    }

    /** The running delivery worker (after {@link #start}). */
    public DeliveryWorker worker() {
        return worker;
    }

    @Override
    public void close() {
        // First: no lead may start the work again while it is being stopped (a standby taking over meanwhile).
        database.leadership().close();
        scheduler.close();
        DeliveryWorker running = worker;
        if (running != null) {
            running.close();
        }
        metrics.close();
        database.close();
    }
}
