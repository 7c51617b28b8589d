package dev.phasebot.incident;

import dev.phasebot.config.BotConfig;
import dev.phasebot.message.Doc;
import dev.phasebot.message.Outbox;
import dev.phasebot.schedule.TimerService;
import dev.phasebot.store.AuditLog;
import dev.phasebot.store.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * CRITICAL incidents against the clock: the one entry the slash layer and other features call.
 * It wires and delegates to the parts, each with one job: {@link Raising} (raise, severity),
 * {@link Responding} (acts, assign), {@link Closing} (resolve, cancel), {@link EscalationClock}
 * (the deadline timers), {@link IncidentNotices} (who gets what, redaction) and
 * {@link IncidentQueries} (list, show, and what other features read). Answers are values;
 * refusals are {@link dev.phasebot.message.Refusal}s naming the input they concern.
 */
public final class IncidentService {

    static final String DEADLINE = EscalationClock.DEADLINE;

    private final Database database;
    private final Clock clock;
    private final IncidentRepository repository = new IncidentRepository();
    private final Raising raising;
    private final Responding responding;
    private final Closing closing;
    private final IncidentQueries queries;
    private final List<Runnable> openSetListeners = new CopyOnWriteArrayList<>();

    public IncidentService(
            BotConfig config, Database database, Outbox outbox, TimerService timers, AuditLog audit, Clock clock) {
        this.database = database;
        this.clock = clock;
        IncidentDocs docs = new IncidentDocs(config);
        Audience audience = new Audience(config);
        IncidentGuard guard = new IncidentGuard(config, repository, docs);
        IncidentNotices notices = new IncidentNotices(config, outbox, repository, docs, audience);
        EscalationClock escalation = new EscalationClock(config, timers, repository, docs, notices);
        this.raising = new Raising(database, audit, clock, repository, guard, audience, escalation, notices, docs);
        this.responding =
                new Responding(config, database, audit, clock, repository, guard, audience, escalation, notices, docs);
        this.closing = new Closing(
                config,
                database,
                audit,
                clock,
                repository,
                guard,
                escalation,
                notices,
                docs,
                new IncidentReportDocs(docs));
        this.queries = new IncidentQueries(database, clock, repository, guard, audience);
    }

    /** Told after the set of open incidents changes (the App Home dashboard lists the open ones). */
    public void onOpenSetChange(Runnable listener) {
        openSetListeners.add(listener);
    }

    public IncidentRaised raise(String agent, RaiseRequest request) {
        return changingOpenSet(raising.raise(agent, request));
    }

    /** Acknowledge, assess, plan, implemented or escalate. */
    public ActOutcome act(String agent, long id, Act act, String text) {
        return responding.act(agent, id, act, text);
    }

    public Assignment assign(String agent, long id, String assignee) {
        return responding.assign(agent, id, assignee);
    }

    public Resolution resolve(String agent, long id, String resolution) {
        return changingOpenSet(closing.resolve(agent, id, resolution));
    }

    /** Marks one raised in error; the raiser may within 15 minutes, the lead at any time. */
    public Cancellation cancel(String agent, long id, String reason) {
        return changingOpenSet(closing.cancel(agent, id, reason));
    }

    /** Lowering from CRITICAL stops the clock; raising to it starts the deadlines not met from now. */
    public SeverityChange changeSeverity(String agent, long id, String level) {
        return changingOpenSet(raising.changeSeverity(agent, id, level));
    }

    /** {@code /incident list}: the open incidents; security ones by id only for non-members. */
    public OpenIncidents list(String agent) {
        return queries.list(agent);
    }

    /** {@code /incident show}: the card and timeline, or who may see them. */
    public IncidentDetail show(String agent, long id) {
        return queries.show(agent, id);
    }

    /** Open CRITICAL incidents as any channel may mention them: security ones without a title. */
    public List<OpenIncident> openCritical() {
        return queries.openCritical();
    }

    /** Incidents of [from, to) for the review; an open one judged against {@code now}. */
    public IncidentWeek week(Instant from, Instant to, Instant now) {
        return queries.week(from, to, now);
    }

    /** Each open incident's next deadline, titles only where {@code agent} may see them. */
    public List<NextDeadline> nextDeadlineValues(String agent) {
        return queries.nextDeadlines(agent);
    }

    /**
     * Why {@code agent} may not do {@code act} on incident {@code id}, naming who may; empty
     * when they may. Asked before a form opens; the act checks again on submit. Refuses when
     * there is no such open incident.
     */
    public Optional<Doc> refusalToAct(String agent, long id, Act act) {
        return queries.refusalToAct(agent, id, act);
    }

    /** The same for {@link #resolve}. */
    public Optional<Doc> refusalToResolve(String agent, long id) {
        return queries.refusalToResolve(agent, id);
    }

    /**
     * A message of an incident that Slack refused for good (say, the bot is not in the channel)
     * goes on its timeline, so the summary shows who was never told.
     */
    public void deliveryFailed(String dedupeKey, String reason) {
        if (dedupeKey == null || !dedupeKey.startsWith("incident:")) {
            return;
        }
        String[] parts = dedupeKey.split(":", 3);
        long id;
        try {
            id = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            return;
        }
        Instant now = clock.instant();
        database.run(tx -> {
            if (repository.find(tx, id).isPresent()) {
                repository.event(tx, id, now, "phasebot", "delivery failed", parts[2] + ": " + reason);
            }
        });
    }

    private <T> T changingOpenSet(T outcome) {
        openSetListeners.forEach(Runnable::run);
        return outcome;
    }
}
