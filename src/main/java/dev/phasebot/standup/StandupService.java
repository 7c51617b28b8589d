package dev.phasebot.standup;

import dev.phasebot.command.CommandException;
import dev.phasebot.config.Agent;
import dev.phasebot.config.BotConfig;
import dev.phasebot.message.Button;
import dev.phasebot.message.Destination;
import dev.phasebot.message.Message;
import dev.phasebot.message.Outbox;
import dev.phasebot.message.SafeText;
import dev.phasebot.message.Times;
import dev.phasebot.schedule.TimerHandler;
import dev.phasebot.schedule.TimerService;
import dev.phasebot.store.AuditLog;
import dev.phasebot.store.Database;
import dev.phasebot.store.Tx;
import dev.phasebot.team.AgentDirectory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily standup: opens it (channel post and a DM to each agent), takes updates, reminds
 * who is missing once, closes it with one summary, and amends that summary for late updates.
 *
 * <p>Every step is a state change plus its messages in one transaction, keyed per day, so a
 * step repeated after a restart (or by the schedule and a lead at once) says nothing twice.
 */
public final class StandupService {

    private static final Logger log = LoggerFactory.getLogger(StandupService.class);
    static final String REMIND = "standup.remind";
    static final String CLOSE = "standup.close";
    public static final String POST_UPDATE_ACTION = "standup_post_update";

    private final BotConfig config;
    private final Database database;
    private final Outbox outbox;
    private final TimerService timers;
    private final AgentDirectory agents;
    private final AuditLog audit;
    private final Clock clock;
    private final StandupCalendar calendar;
    private final StandupRepository repository = new StandupRepository();
    private final SummaryRenderer renderer;
    private final Destination channel;
    private volatile Supplier<List<String>> openIncidents = List::of;
    private volatile Function<String, Optional<String>> taskLookup = id -> Optional.empty();

    public StandupService(BotConfig config, Database database, Outbox outbox, TimerService timers,
                          AgentDirectory agents, AuditLog audit, Clock clock) {
        this.config = config;
        this.database = database;
        this.outbox = outbox;
        this.timers = timers;
        this.agents = agents;
        this.audit = audit;
        this.clock = clock;
        this.calendar = new StandupCalendar(config.standup(), config.phase().zone());
        this.renderer = new SummaryRenderer(config);
        this.channel = Destination.channel(config.standup().channel());
        timers.register(TimerHandler.of(REMIND, (tx, timer, now) -> remind(tx, LocalDate.parse(timer.subject()), now)));
        timers.register(TimerHandler.of(CLOSE, (tx, timer, now) ->
                close(tx, LocalDate.parse(timer.subject()), now, "schedule", Duration.between(timer.dueAt(), now))));
    }

    /**
     * Where the summary learns of open CRITICAL incidents, already in the words a public
     * channel may carry (security ones by id only).
     */
    public void useOpenIncidents(Supplier<List<String>> openIncidents) {
        this.openIncidents = openIncidents;
    }

    /** How the summary names a task a blocker mentions ("#T3"): its title and state. */
    public void useTaskLookup(Function<String, Optional<String>> taskLookup) {
        this.taskLookup = taskLookup;
    }

    public StandupCalendar calendar() {
        return calendar;
    }

    public LocalDate today() {
        return calendar.dayOf(clock.instant());
    }

    /**
     * The 09:00 job, and the start-up catch-up: opens today's standup if today is a standup day
     * and now is inside its window. Returns whether this call opened it.
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
    public String openNow(String caller) {
        requireLead(caller, "open the standup");
        Instant now = clock.instant();
        LocalDate day = calendar.dayOf(now);
        return database.inTransaction(tx -> {
            Optional<StandupDay> existing = repository.find(tx, day);
            if (existing.isPresent()) {
                throw new CommandException("Today's standup already " + (existing.get().isClosed()
                        ? "ran and closed at " + Times.clock(existing.get().closedAt(), calendar.zone())
                        : "opened at " + Times.clock(existing.get().openedAt(), calendar.zone())) + ".");
            }
            open(tx, day, now, caller);
            return "Today's standup is open until " + Times.clock(calendar.closeAt(now), calendar.zone()) + ".";
        });
    }

    /** {@code /standup close}: the lead closes today's standup now and the summary is posted. */
    public String closeNow(String caller) {
        requireLead(caller, "close the standup");
        Instant now = clock.instant();
        LocalDate day = calendar.dayOf(now);
        return database.inTransaction(tx -> {
            Optional<StandupDay> existing = repository.find(tx, day);
            if (existing.isEmpty()) {
                throw new CommandException("Today's standup has not opened yet; `/standup open` runs it now.");
            }
            if (existing.get().isClosed()) {
                throw new CommandException("Today's standup already closed at "
                        + Times.clock(existing.get().closedAt(), calendar.zone()) + ".");
            }
            close(tx, day, now, caller, Duration.ZERO);
            return "Today's standup is closed; the summary is on its way to "
                    + config.channel(config.standup().channel()).name() + ".";
        });
    }

    /** Records (or replaces) the caller's update for today; after the close it amends the summary. */
    public String submit(String agent, StandupUpdate update) {
        UpdateParser.check(update);
        if (config.isSecurityTeam(agent) && update.security().isEmpty()) {
            throw new CommandException("As a member of the security team, your update opens the standup: add a "
                    + "security section, e.g. `/standup security: patch merged, audit 50% done; today: ...`.");
        }
        Instant now = clock.instant();
        LocalDate day = calendar.dayOf(now);
        return database.inTransaction(tx -> {
            Optional<StandupDay> standup = repository.find(tx, day);
            if (standup.isEmpty() && !calendar.isStandupDay(day)) {
                LocalDate next = calendar.nextStandupDay(day);
                throw new CommandException("There is no standup today (" + Times.longDay(day)
                        + (calendar.isHoliday(day) ? ", a holiday" : "") + "). The next one opens "
                        + Times.longDay(next) + " at " + config.standup().time() + " " + calendar.zone().getId() + ".");
            }
            boolean replaced = repository.update(tx, day, agent).isPresent();
            boolean late = standup.map(StandupDay::isClosed).orElse(false);
            repository.saveUpdate(tx, day, agent, update, now, late);
            audit.record(tx, now, agent, late ? "standup.late-update" : "standup.update", day.toString());
            if (late) {
                outbox.update(tx, summaryKey(day), Message.of(channel, summary(tx, repository.find(tx, day).get(), null)));
                return "Today's standup had closed; your update was added to the summary as a late update.";
            }
            return replaced ? "Your update for " + Times.shortDay(day) + " replaced the one you posted earlier."
                    : "Thanks, your update for " + Times.shortDay(day) + " is recorded.";
        });
    }

    /** The caller's update for today, to pre-fill the form. */
    public Optional<StandupUpdate> currentUpdate(String agent) {
        LocalDate day = today();
        return database.read(tx -> repository.update(tx, day, agent).map(PostedUpdate::update));
    }

    /** {@code /standup ooo}: no prompts or reminders those days; listed as out in the summary. */
    public String outOfOffice(String caller, String agent, LocalDate first, LocalDate last, String reason) {
        if (!agent.equals(caller)) {
            requireLead(caller, "mark another agent out of office");
        }
        if (last.isBefore(first)) {
            throw new CommandException("The last day (" + last + ") is before the first (" + first + ").");
        }
        LocalDate today = today();
        if (last.isBefore(today)) {
            throw new CommandException("Those days are in the past; out of office is for today or later.");
        }
        if (first.plusDays(90).isBefore(last)) {
            throw new CommandException("Out of office is limited to 90 days at a time.");
        }
        Instant now = clock.instant();
        database.run(tx -> {
            repository.addOutOfOffice(tx, new OutOfOffice(agent, first, last, reason), caller, now);
            audit.record(tx, now, caller, "standup.ooo", agent + " " + first + ".." + last);
        });
        return (agent.equals(caller) ? "You are" : agent + " is") + " out of office from " + Times.shortDay(first)
                + " to " + Times.shortDay(last) + (reason.isBlank() ? "" : " (" + SafeText.escape(reason) + ")")
                + ": no standup prompts or reminders on those days.";
    }

    /** {@code /standup status}: where today's standup stands and who has posted. */
    public String status() {
        Instant now = clock.instant();
        LocalDate day = calendar.dayOf(now);
        return database.read(tx -> {
            Optional<StandupDay> standup = repository.find(tx, day);
            List<PostedUpdate> posted = repository.updates(tx, day);
            Set<String> out = repository.outOfOffice(tx, day).stream().map(OutOfOffice::agent).collect(Collectors.toSet());
            StringBuilder text = new StringBuilder("*Standup, " + Times.longDay(day) + "*: ");
            if (standup.isPresent() && standup.get().isClosed()) {
                text.append("closed at ").append(Times.clock(standup.get().closedAt(), calendar.zone()));
            } else if (standup.isPresent()) {
                text.append("open until ").append(Times.clock(calendar.closeAt(standup.get().openedAt()), calendar.zone()));
            } else if (calendar.isStandupDay(day)) {
                text.append("opens at ").append(config.standup().time()).append(' ').append(calendar.zone().getId());
            } else {
                text.append("no standup today");
            }
            text.append('\n');
            Set<String> postedAgents = posted.stream().map(PostedUpdate::agent).collect(Collectors.toSet());
            text.append("*Posted:* ").append(posted.isEmpty() ? "nobody yet" : posted.stream()
                    .map(p -> p.agent() + " (" + Times.clock(p.postedAt(), calendar.zone()) + (p.late() ? ", late" : "") + ")")
                    .collect(Collectors.joining(", "))).append('\n');
            List<String> missing = config.agents().stream().map(Agent::id)
                    .filter(a -> !postedAgents.contains(a) && !out.contains(a)).toList();
            text.append("*Not yet:* ").append(missing.isEmpty() ? "nobody" : String.join(", ", missing));
            if (!out.isEmpty()) {
                text.append("\n*Out:* ").append(String.join(", ", out.stream().sorted().toList()));
            }
            return text.toString();
        });
    }

    /** {@code /standup history [agent] [days]}: updates of the last {@code days} days, newest first. */
    public String history(String agentOrNull, int days) {
        LocalDate first = today().minusDays(days - 1L);
        List<PostedUpdate> updates = database.read(tx -> repository.updatesSince(tx, first, agentOrNull));
        if (updates.isEmpty()) {
            return "No standup updates" + (agentOrNull == null ? "" : " from " + agentOrNull)
                    + " in the last " + days + " day" + (days == 1 ? "" : "s") + ".";
        }
        StringBuilder text = new StringBuilder("*Standup history" + (agentOrNull == null ? "" : " of " + agentOrNull)
                + ", last " + days + " day" + (days == 1 ? "" : "s") + "*\n");
        LocalDate shown = null;
        for (PostedUpdate p : updates) {
            if (!p.day().equals(shown)) {
                shown = p.day();
                text.append("\n*").append(Times.longDay(p.day())).append("*\n");
            }
            text.append("• *").append(p.agent()).append("*").append(p.late() ? " _(late)_" : "").append(": ");
            StandupUpdate u = p.update();
            StringBuilder parts = new StringBuilder();
            section(parts, "security", u.security());
            section(parts, "blockers", u.blockers());
            section(parts, "today", u.commitments());
            section(parts, "coordination", u.coordination());
            text.append(parts).append('\n');
        }
        return text.toString().stripTrailing();
    }

    /**
     * Standup participation between two days (inclusive) for the weekly review: per agent,
     * updates posted out of standups held, and the blockers in each agent's latest update.
     */
    public List<String> participation(LocalDate first, LocalDate last) {
        return database.read(tx -> {
            List<LocalDate> held = new java.util.ArrayList<>();
            for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
                if (repository.find(tx, d).isPresent()) {
                    held.add(d);
                }
            }
            if (held.isEmpty()) {
                return List.of();
            }
            List<PostedUpdate> updates = repository.updatesSince(tx, first, null).stream()
                    .filter(p -> !p.day().isAfter(last)).toList();
            List<String> lines = new java.util.ArrayList<>();
            for (Agent agent : config.agents()) {
                List<PostedUpdate> mine = updates.stream().filter(p -> p.agent().equals(agent.id())).toList();
                long posted = mine.stream().map(PostedUpdate::day).filter(held::contains).distinct().count();
                StringBuilder line = new StringBuilder(agent.id() + ": " + posted + "/" + held.size());
                mine.stream().max(java.util.Comparator.comparing(PostedUpdate::day))
                        .map(p -> p.update().blockers())
                        .filter(b -> !UpdateParser.saysNothing(b))
                        .ifPresent(b -> line.append(" · still blocked: ").append(SafeText.escape(b)));
                lines.add(line.toString());
            }
            return lines;
        });
    }

    /** Start-up catch-up: opens today's standup if the bot was down at 09:00 but it is still the window. */
    public void catchUp() {
        if (openScheduled()) {
            log.info("opened today's standup late, at start-up");
        }
    }

    // --- the steps, each inside the caller's transaction ---

    private boolean open(Tx tx, LocalDate day, Instant opened, String by) {
        if (!repository.open(tx, day, opened, by)) {
            return false;
        }
        Instant closes = calendar.closeAt(opened);
        timers.schedule(tx, REMIND, day.toString(), calendar.remindAt(opened));
        timers.schedule(tx, CLOSE, day.toString(), closes);
        String until = Times.clock(closes, calendar.zone());
        outbox.post(tx, key(day, "open"), new Message(channel,
                ":sunrise: *Daily standup, " + Times.longDay(day) + "* is open until " + until + ".\n"
                        + "Post your update with `/standup` or the button: security update (security team first), "
                        + "blockers and dependencies, today's deliverable commitments, cross-team coordination needs.",
                List.of(postUpdateButton())));
        Set<String> out = repository.outOfOffice(tx, day).stream().map(OutOfOffice::agent).collect(Collectors.toSet());
        for (Agent agent : config.agents()) {
            if (out.contains(agent.id()) || !agents.isReachable(agent.id())
                    || repository.update(tx, day, agent.id()).isPresent()) {
                continue;
            }
            String ask = config.isSecurityTeam(agent.id())
                    ? "Your security update opens today's standup: what changed, what is at risk, what is next."
                    : "What are you blocked on, what will you deliver today, and what do you need from other teams?";
            outbox.post(tx, key(day, "prompt:" + agent.id()), new Message(Destination.dm(agent.id()),
                    "Good morning, " + agent.id() + ". The standup is open until " + until + ". " + ask,
                    List.of(postUpdateButton())));
        }
        audit.record(tx, opened, by, "standup.open", day.toString());
        return true;
    }

    private void remind(Tx tx, LocalDate day, Instant now) {
        if (!repository.markReminded(tx, day, now)) {
            return;
        }
        StandupDay standup = repository.find(tx, day).orElseThrow();
        if (!now.isBefore(calendar.closeAt(standup.openedAt()))) {
            // Fired late, after a restart past the close: a reminder now would only confuse.
            return;
        }
        Set<String> posted = repository.updates(tx, day).stream().map(PostedUpdate::agent).collect(Collectors.toSet());
        Set<String> out = repository.outOfOffice(tx, day).stream().map(OutOfOffice::agent).collect(Collectors.toSet());
        String closes = Times.clock(calendar.closeAt(standup.openedAt()), calendar.zone());
        for (Agent agent : config.agents()) {
            if (posted.contains(agent.id()) || out.contains(agent.id()) || !agents.isReachable(agent.id())) {
                continue;
            }
            outbox.post(tx, key(day, "remind:" + agent.id()), new Message(Destination.dm(agent.id()),
                    ":hourglass: Reminder: the standup closes at " + closes + " and your update is missing.",
                    List.of(postUpdateButton())));
        }
    }

    private void close(Tx tx, LocalDate day, Instant now, String by, Duration late) {
        if (!repository.close(tx, day, now)) {
            return;
        }
        timers.cancel(tx, REMIND, day.toString());
        timers.cancel(tx, CLOSE, day.toString());
        StandupDay standup = repository.find(tx, day).orElseThrow();
        outbox.post(tx, summaryKey(day), Message.of(channel, summary(tx, standup, late)));
        audit.record(tx, now, by, "standup.close", day.toString());
    }

    private String summary(Tx tx, StandupDay standup, Duration late) {
        return renderer.render(standup, repository.updates(tx, standup.day()),
                repository.outOfOffice(tx, standup.day()), late, openIncidents.get(), taskLookup);
    }

    private void requireLead(String caller, String what) {
        if (!config.lead().id().equals(caller)) {
            throw new CommandException("Only the lead (" + config.lead().id() + ") may " + what + ".");
        }
    }

    private static void section(StringBuilder parts, String label, String value) {
        if (!value.isEmpty()) {
            if (parts.length() > 0) {
                parts.append("; ");
            }
            parts.append('_').append(label).append(":_ ").append(SafeText.escape(value));
        }
    }

    static Button postUpdateButton() {
        return new Button(POST_UPDATE_ACTION, "Post update", "standup", "/standup");
    }

    static String summaryKey(LocalDate day) {
        return key(day, "summary");
    }

    private static String key(LocalDate day, String what) {
        return "standup:" + day + ":" + what;
    }
}
