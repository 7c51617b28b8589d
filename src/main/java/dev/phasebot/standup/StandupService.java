package dev.phasebot.standup;

import dev.phasebot.config.BotConfig;
import dev.phasebot.message.Button;
import dev.phasebot.message.Destination;
import dev.phasebot.message.Outbox;
import dev.phasebot.schedule.TimerService;
import dev.phasebot.store.AuditLog;
import dev.phasebot.store.Database;
import dev.phasebot.team.AgentDirectory;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The daily standup, as the rest of phasebot sees it: {@link StandupSession} opens, reminds
 * and closes it, {@link StandupUpdates} takes updates and days away, {@link StandupReports}
 * reads what was said. With {@code standup.security_update: private} the security team's
 * updates go in full to the security channel only ({@link SecurityUpdates}).
 */
public final class StandupService {

    public static final String POST_UPDATE_ACTION = "standup_post_update";

    private final BotConfig config;
    private final Database database;
    private final Clock clock;
    private final StandupCalendar calendar;
    private final StandupRepository repository = new StandupRepository();
    private final StandupSession session;
    private final StandupUpdates updates;
    private final StandupReports reports;

    public StandupService(
            BotConfig config,
            Database database,
            Outbox outbox,
            TimerService timers,
            AgentDirectory agents,
            AuditLog audit,
            Clock clock,
            OpenIncidents openIncidents,
            TaskLookup tasks) {
        this.config = config;
        this.database = database;
        this.clock = clock;
        this.calendar = new StandupCalendar(config.standup(), config.phase().zone());
        SecurityUpdates security = new SecurityUpdates(config);
        StandupDocs docs = new StandupDocs(config.phase().zone());
        SummaryPoster summaries = new SummaryPoster(
                repository,
                outbox,
                security,
                docs,
                Destination.channel(config.standup().channel()),
                config.standup().threads());
        // The summary is built when it is delivered, outside the write that closed the day or amended it.
        SummarySource sources = new SummarySource(
                database, repository, new SummaryBuilder(config, security, tasks), docs, openIncidents, calendar);
        outbox.register(SummaryPoster.SUMMARY, sources::summary);
        outbox.register(SummaryPoster.SECURITY_POST, sources::securityPost);
        this.session = new StandupSession(
                config,
                database,
                outbox,
                timers,
                agents,
                audit,
                clock,
                calendar,
                repository,
                security,
                docs,
                summaries);
        this.updates = new StandupUpdates(config, database, audit, clock, calendar, repository, summaries);
        this.reports = new StandupReports(config, database, repository, calendar, clock, security);
    }

    public StandupCalendar calendar() {
        return calendar;
    }

    public LocalDate today() {
        return calendar.dayOf(clock.instant());
    }

    /** Today's standup once it has opened, by the schedule or by hand. */
    public Optional<StandupDay> todaysStandup() {
        LocalDate day = today();
        return database.read(tx -> repository.find(tx, day));
    }

    /** The scheduled opening, and the start-up catch-up: true when this call opened today's standup. */
    public boolean openScheduled() {
        return session.openScheduled();
    }

    /** {@code /standup open}: the lead runs today's standup now, whatever the schedule says. */
    public SessionResult.StandupOpened openNow(String caller) {
        return session.openNow(caller);
    }

    /** {@code /standup close}: the lead closes today's standup now and the summary is posted. */
    public SessionResult.StandupClosed closeNow(String caller) {
        return session.closeNow(caller);
    }

    /** Start-up catch-up: opens today's standup if the bot was down at its time but it is still the window. */
    public void catchUp() {
        session.catchUp();
    }

    /** The inline path ({@code /standup blockers: ...}): merges into today's update. */
    public UpdateResult post(String agent, ParsedUpdate parsed) {
        return updates.post(agent, parsed);
    }

    /** The form (Slack modal, console questions): the whole update, replacing all four sections. */
    public UpdateResult submit(String agent, StandupUpdate update) {
        return updates.submit(agent, update);
    }

    /** Empties one section of today's update ({@code section} by name or any label the parser knows). */
    public UpdateResult clear(String agent, String section) {
        return updates.clear(agent, section);
    }

    /** The caller's update for today, to pre-fill the form. */
    public Optional<StandupUpdate> currentUpdate(String agent) {
        return updates.current(agent);
    }

    /** {@code /standup ooo}: no prompts or reminders those days; listed as out in the summary. */
    public OutOfOfficeResult.OutOfOfficeSet outOfOffice(
            String caller, String agent, LocalDate first, LocalDate last, String reason) {
        return updates.outOfOffice(caller, agent, first, last, reason);
    }

    /** {@code /standup ooo list}: current and upcoming out-of-office periods, one agent's or everyone's. */
    public List<OutOfOffice> outOfOfficeList(String agentOrNull) {
        return reports.outOfOfficeList(agentOrNull);
    }

    /** Cancels an out-of-office period, by the agent or the lead. */
    public OutOfOfficeResult.OutOfOfficeCancelled cancelOutOfOffice(String caller, long id) {
        return updates.cancelOutOfOffice(caller, id);
    }

    /** {@code /standup status}: where today's standup stands and who has posted. */
    public StandupStatus status() {
        return reports.status();
    }

    /** {@code /standup history}: updates of the last {@code days} days, newest first, as {@code reader} may see them. */
    public StandupHistory history(String reader, String agentOrNull, int days) {
        return reports.history(reader, agentOrNull, days);
    }

    /**
     * Standup participation between two days (inclusive) for the weekly review: per agent,
     * updates posted out of standups held, and the blockers in each agent's latest update.
     */
    public Participation participationBetween(LocalDate first, LocalDate last) {
        return reports.participation(first, last);
    }

    static Button postUpdateButton() {
        return new Button(POST_UPDATE_ACTION, "Post update", "standup", "/standup");
    }

    static String summaryKey(LocalDate day) {
        return StandupKeys.summary(day);
    }

    static String securityUpdateKey(LocalDate day) {
        return StandupKeys.securityUpdate(day);
    }
}
