package dev.phasebot.standup;

import dev.phasebot.command.AgentDirectory;
import dev.phasebot.config.Agent;
import dev.phasebot.config.BotConfig;
import dev.phasebot.config.PlanSpec;
import dev.phasebot.delivery.Outbox;
import dev.phasebot.message.Destination;
import dev.phasebot.message.Message;
import dev.phasebot.message.Refusal;
import dev.phasebot.message.Span;
import dev.phasebot.message.Times;
import dev.phasebot.schedule.TimerService;
import dev.phasebot.standup.StandupRepository.PostedUpdate;
import dev.phasebot.store.AuditLog;
import dev.phasebot.store.Database;
import dev.phasebot.store.Tx;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The day's session: opens it (a channel post and a DM to each agent), reminds who is missing
 * once, and closes it with the summary; by the schedule, by the lead, or at start-up when the
 * bot was down at the time. Each step is a state change and its messages in one transaction,
 * keyed per day, so a step repeated after a restart says nothing twice.
 */
public final class StandupSession {

    private static final Logger log = LoggerFactory.getLogger(StandupSession.class);
    static final String REMIND = "standup.remind";
    static final String CLOSE = "standup.close";

    private final BotConfig config;
    private final Database database;
    private final Outbox outbox;
    private final TimerService timers;
    private final AgentDirectory agents;
    private final AuditLog audit;
    private final Clock clock;
    private final StandupCalendar calendar;
    private final StandupRepository repository = new StandupRepository();
    private final SecurityUpdates security;
    private final StandupDocs docs;
    private final SummaryPoster summaries;

    /** {@code plan}: the plan as last (re)loaded, whose task ids a withheld security update's blockers may name. */
    public StandupSession(
            BotConfig config,
            Database database,
            Outbox outbox,
            TimerService timers,
            AgentDirectory agents,
            AuditLog audit,
            Clock clock,
            StandupCalendar calendar,
            SummaryPoster summaries,
            Supplier<PlanSpec> plan) {
        this.config = config;
        this.database = database;
        this.outbox = outbox;
        this.timers = timers;
        this.agents = agents;
        this.audit = audit;
        this.clock = clock;
        this.calendar = calendar;
        this.security = new SecurityUpdates(config, plan);
        this.docs = new StandupDocs(config.phase().zone());
        this.summaries = summaries;
        timers.on(REMIND, (tx, timer, now) -> remind(tx, LocalDate.parse(timer.subject()), now));
        // How late a close came is read from the stored day when the summary is built (SummaryPoster).
        timers.on(CLOSE, (tx, timer, now) -> close(tx, LocalDate.parse(timer.subject()), now, "schedule"));
    }

    /** Today's standup once it has opened, by the schedule or by hand. */
    public Optional<StandupDay> todaysStandup() {
        LocalDate day = calendar.dayOf(clock.instant());
        return database.read(tx -> repository.find(tx, day));
    }

    /**
     * The scheduled opening, and the start-up catch-up: opens today's standup if today is a
     * standup day and now is inside its window; true when this call opened it.
     */
    public boolean openScheduled() {
        Instant now = clock.instant();
        LocalDate day = calendar.dayOf(now);
        if (!calendar.isStandupDay(day)) {
            log.info("no standup on {} ({})", day, calendar.isHoliday(day) ? "holiday" : day.getDayOfWeek());
            return false;
        }
        Instant opens = calendar.openAt(day);
        if (now.isBefore(opens) || !now.isBefore(calendar.closeAt(opens))) {
            return false;
        }
        return database.inTransaction(tx -> open(tx, day, opens, "schedule"));
    }

    /** {@code /standup open}: the lead runs today's standup now, whatever the schedule says. */
    public StandupResult.StandupOpened openNow(String caller) {
        requireLead(caller, "open the standup");
        Instant now = clock.instant();
        LocalDate day = calendar.dayOf(now);
        return database.inTransaction(tx -> {
            Optional<StandupDay> existing = repository.find(tx, day);
            if (existing.isPresent()) {
                throw Refusal.of(
                        null,
                        "Today's standup already "
                                + (existing.get().isClosed()
                                        ? "ran and closed at "
                                                + clock(existing.get().closedAt())
                                        : "opened at " + clock(existing.get().openedAt()))
                                + ".");
            }
            open(tx, day, now, caller);
            return new StandupResult.StandupOpened(day, calendar.closeAt(now));
        });
    }

    /** {@code /standup close}: the lead closes today's standup now and the summary is posted. */
    public StandupResult.StandupClosed closeNow(String caller) {
        requireLead(caller, "close the standup");
        Instant now = clock.instant();
        LocalDate day = calendar.dayOf(now);
        return database.inTransaction(tx -> {
            Optional<StandupDay> existing = repository.find(tx, day);
            if (existing.isEmpty()) {
                throw Refusal.of(
                        null, "Today's standup has not opened yet; ", Span.code("/standup open"), " runs it now.");
            }
            if (existing.get().isClosed()) {
                throw Refusal.of(
                        null,
                        "Today's standup already closed at "
                                + clock(existing.get().closedAt()) + ".");
            }
            close(tx, day, now, caller);
            return new StandupResult.StandupClosed(
                    day, config.channel(config.standup().channel()).name());
        });
    }

    /** Start-up catch-up: opens today's standup if the bot was down at its time but it is still the window. */
    public void catchUp() {
        if (openScheduled()) {
            log.info("opened today's standup late, at start-up");
        }
    }

    private boolean open(Tx tx, LocalDate day, Instant opened, String by) {
        if (!repository.open(tx, day, opened, by)) {
            return false;
        }
        Instant closes = calendar.closeAt(opened);
        timers.schedule(tx, REMIND, day.toString(), calendar.remindAt(opened));
        timers.schedule(tx, CLOSE, day.toString(), closes);
        outbox.post(
                tx,
                SummaryPoster.openKey(day),
                Message.of(
                        Destination.channel(config.standup().channel()),
                        docs.opening(day, closes, security.withholdsAny() ? security.channelName() : null)));
        Set<String> out = outOn(tx, day);
        for (Agent agent : config.agents()) {
            if (out.contains(agent.id())
                    || !agents.isReachable(agent.id())
                    || repository.update(tx, day, agent.id()).isPresent()) {
                continue;
            }
            String ask = config.isSecurityTeam(agent.id())
                    ? "Your security update opens today's standup: what changed, what is at risk, what is next."
                            + (security.isWithheld(agent.id())
                                    ? " It goes in full to " + security.channelName()
                                            + " only; the summary says it was given and which tasks its blockers name."
                                    : "")
                    : "What are you blocked on, what will you deliver today, and what do you need from other teams?";
            outbox.post(
                    tx,
                    SummaryPoster.key(day, "prompt:" + agent.id()),
                    Message.of(Destination.dm(agent.id()), docs.prompt(agent.id(), closes, ask)));
        }
        audit.record(tx, opened, by, "standup.open", day.toString());
        return true;
    }

    private void remind(Tx tx, LocalDate day, Instant now) {
        if (!repository.markReminded(tx, day, now)) {
            return;
        }
        StandupDay standup = repository.find(tx, day).orElseThrow();
        Instant closes = calendar.closeAt(standup.openedAt());
        if (!now.isBefore(closes)) {
            // Fired late, after a restart past the close: a reminder now would only confuse.
            return;
        }
        Set<String> posted =
                repository.updates(tx, day).stream().map(PostedUpdate::agent).collect(Collectors.toSet());
        Set<String> out = outOn(tx, day);
        for (Agent agent : config.agents()) {
            if (posted.contains(agent.id()) || out.contains(agent.id()) || !agents.isReachable(agent.id())) {
                continue;
            }
            outbox.post(
                    tx,
                    SummaryPoster.key(day, "remind:" + agent.id()),
                    Message.of(Destination.dm(agent.id()), docs.reminder(closes)));
        }
    }

    private void close(Tx tx, LocalDate day, Instant now, String by) {
        if (!repository.close(tx, day, now)) {
            return;
        }
        timers.cancel(tx, REMIND, day.toString());
        timers.cancel(tx, CLOSE, day.toString());
        summaries.post(tx, day);
        audit.record(tx, now, by, "standup.close", day.toString());
    }

    private Set<String> outOn(Tx tx, LocalDate day) {
        return repository.outOfOffice(tx, day).stream().map(OutOfOffice::agent).collect(Collectors.toSet());
    }

    private void requireLead(String caller, String what) {
        if (!config.lead().id().equals(caller)) {
            throw Refusal.of(null, "Only the lead (" + config.lead().id() + ") may " + what + ".");
        }
    }

    private String clock(Instant instant) {
        return Times.clockWithZone(instant, calendar.zone());
    }

    /** One day's standup as run: when it opened (and by whom), reminded and closed. */
    public record StandupDay(LocalDate day, Instant openedAt, String openedBy, Instant remindedAt, Instant closedAt) {

        public boolean isClosed() {
            return closedAt != null;
        }
    }
}
