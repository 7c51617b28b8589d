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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily standup: opens it (channel post and a DM to each agent), takes updates, reminds
 * who is missing once, closes it with one summary, and amends that summary for late updates.
 * With {@code standup.security_update: private} the security team's updates go in full to the
 * security channel in a post of their own, written with the summary, and the summary says only
 * that they were given ({@link SecurityUpdates}).
 *
 * <p>Every step is a state change plus its messages in one transaction, keyed per day, so a
 * step repeated after a restart (or by the schedule and a lead at once) says nothing twice.
 */
public final class StandupService {

    private static final Logger log = LoggerFactory.getLogger(StandupService.class);
    static final String REMIND = "standup.remind";
    static final String CLOSE = "standup.close";
    public static final String POST_UPDATE_ACTION = "standup_post_update";
    private static final StandupUpdate EMPTY = new StandupUpdate("", "", "", "");

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
    private final SecurityUpdates security;
    private final SecurityUpdateRenderer securityRenderer;
    private final StandupReports reports;
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
        this.security = new SecurityUpdates(config);
        this.renderer = new SummaryRenderer(config, security);
        this.securityRenderer = new SecurityUpdateRenderer(config);
        this.reports = new StandupReports(config, database, repository, calendar, clock, security);
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

    /** Today's standup once it has opened, by the schedule or by hand. */
    public Optional<StandupDay> todaysStandup() {
        LocalDate day = today();
        return database.read(tx -> repository.find(tx, day));
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
                        ? "ran and closed at " + clock(existing.get().closedAt())
                        : "opened at " + clock(existing.get().openedAt())) + ".");
            }
            open(tx, day, now, caller);
            return "Today's standup is open until " + clock(calendar.closeAt(now)) + ".";
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
                        + clock(existing.get().closedAt()) + ".");
            }
            close(tx, day, now, caller, Duration.ZERO);
            return "Today's standup is closed; the summary is on its way to "
                    + config.channel(config.standup().channel()).name() + ".";
        });
    }

    /**
     * The inline path ({@code /standup blockers: ...}): merges into today's update. Each section
     * given replaces that section only; the others keep what was recorded. Text with no label
     * may fill today's commitments but never replace ones already recorded: nothing the team
     * recorded is overwritten unless asked for by name. After the close it amends the summary.
     */
    public String post(String agent, ParsedUpdate parsed) {
        StandupUpdate given = parsed.update();
        UpdateParser.check(given);
        return record(agent, old -> {
            if (parsed.unlabeled() && !old.commitments().isEmpty() && !old.commitments().equals(given.commitments())) {
                throw new CommandException("You already have today's commitments (“" + SafeText.escape(old.commitments())
                        + "”). To replace them, name the section: `/standup today: "
                        + SafeText.escape(given.commitments()) + "`.");
            }
            StandupUpdate merged = old;
            for (Section section : Section.values()) {
                if (!section.of(given).isEmpty()) {
                    merged = section.in(merged, section.of(given));
                }
            }
            return merged;
        });
    }

    /**
     * Transitional: today's command layer still hands inline text here; it takes the inline
     * path. Remove once {@code StandupCommands} calls {@link #post}.
     */
    public String submit(String agent, ParsedUpdate parsed) {
        return post(agent, parsed);
    }

    /**
     * The form (Slack modal, console questions): it shows the current update, so what comes
     * back is the whole update and replaces all four sections. After the close it amends the summary.
     */
    public String submit(String agent, StandupUpdate update) {
        UpdateParser.check(update);
        return record(agent, old -> update);
    }

    /**
     * Empties one section of today's update ({@code section} by name or any label the parser
     * knows). Emptying the last one withdraws the update. After the close it amends the summary.
     */
    public String clear(String agent, String section) {
        Section cleared = Section.named(section).orElseThrow(() -> new CommandException("`" + SafeText.escape(section)
                + "` is not a section of the standup update; name one of: security, blockers, today, coordination."));
        Instant now = clock.instant();
        LocalDate day = calendar.dayOf(now);
        return database.inTransaction(tx -> {
            Optional<PostedUpdate> before = repository.update(tx, day, agent);
            StandupUpdate old = before.map(PostedUpdate::update).orElse(EMPTY);
            if (cleared.of(old).isEmpty()) {
                return "Your " + cleared.label() + " section is already empty.";
            }
            if (cleared == Section.SECURITY && config.isSecurityTeam(agent)) {
                throw new CommandException("The security team's update must keep its security section, so it cannot "
                        + "be cleared. To change it, name it: `/standup security: <new text>`.");
            }
            StandupUpdate after = cleared.in(old, "");
            boolean withdrawn = after.isEmpty();
            if (withdrawn) {
                repository.deleteUpdate(tx, day, agent);
            } else {
                // A clear is no new post: the rest of the update keeps its time and its on-time mark.
                repository.replaceSections(tx, day, agent, after);
            }
            audit.record(tx, now, agent, "standup.clear",
                    day + " " + cleared.label() + (withdrawn ? " (update withdrawn)" : ""));
            boolean closed = amendSummaryIfClosed(tx, day, agent);
            String answer = withdrawn
                    ? "Your update for " + shortDay(day) + " is withdrawn: its " + cleared.label()
                            + " section was the last one left."
                    : recorded(day, List.of("cleared: " + cleared.label()), after);
            return answer + (closed ? "\nToday's standup had closed, so its summary is amended." : "");
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
        OutOfOffice ooo = new OutOfOffice(0, agent, first, last, reason);
        long id = database.inTransaction(tx -> {
            long added = repository.addOutOfOffice(tx, ooo, caller, now);
            audit.record(tx, now, caller, "standup.ooo", "#" + added + " " + agent + " " + first + ".." + last);
            return added;
        });
        return (agent.equals(caller) ? "You are" : agent + " is") + " out of office "
                + (first.equals(last) ? "on " : "from ") + ooo.period()
                + (reason.isBlank() ? "" : " (" + SafeText.escape(reason) + ")")
                + ": no standup prompts or reminders on those days (out-of-office #" + id + ").";
    }

    /** {@code /standup ooo list}: current and upcoming out-of-office periods, one agent's or everyone's. */
    public String outOfOfficeList(String agentOrNull) {
        return reports.outOfOfficeList(agentOrNull);
    }

    /**
     * Cancels an out-of-office period, by the agent or the lead. One that has started ends
     * yesterday instead, so the days already past stay as they were.
     */
    public String cancelOutOfOffice(String caller, long id) {
        Instant now = clock.instant();
        LocalDate today = calendar.dayOf(now);
        return database.inTransaction(tx -> {
            OutOfOffice ooo = repository.outOfOfficeById(tx, id).orElseThrow(() -> new CommandException(
                    "There is no out-of-office #" + id + ". `/standup ooo list` shows them."));
            if (!ooo.agent().equals(caller) && !config.lead().id().equals(caller)) {
                throw new CommandException("Only " + ooo.agent() + " or the lead (" + config.lead().id()
                        + ") may cancel out-of-office #" + id + ".");
            }
            if (ooo.lastDay().isBefore(today)) {
                throw new CommandException("Out-of-office #" + id + " is over (it ended "
                        + Times.shortDay(ooo.lastDay(), today) + "); past days stay as recorded.");
            }
            String what = StandupReports.describe(ooo);
            String answer;
            if (ooo.firstDay().isBefore(today)) {
                LocalDate yesterday = today.minusDays(1);
                repository.endOutOfOffice(tx, id, yesterday);
                answer = "Cancelled the rest of out-of-office " + what + ": it now ends yesterday, "
                        + Times.shortDay(yesterday, today) + ", so the days already past stay recorded.";
            } else {
                repository.deleteOutOfOffice(tx, id);
                answer = "Cancelled out-of-office " + what + ".";
            }
            audit.record(tx, now, caller, "standup.ooo-cancel",
                    "#" + id + " " + ooo.agent() + " " + ooo.firstDay() + ".." + ooo.lastDay());
            return answer;
        });
    }

    /** {@code /standup status}: where today's standup stands and who has posted. */
    public String status() {
        return reports.status();
    }

    /**
     * {@code /standup history [agent] [days]}: updates of the last {@code days} days, newest
     * first, as {@code reader} may see them (a withheld update only to readers of the security channel).
     */
    public String history(String reader, String agentOrNull, int days) {
        return reports.history(reader, agentOrNull, days);
    }

    /**
     * Standup participation between two days (inclusive) for the weekly review: per agent,
     * updates posted out of standups held, and the blockers in each agent's latest update.
     */
    public List<String> participation(LocalDate first, LocalDate last) {
        return reports.participation(first, last);
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
        String until = clock(closes);
        outbox.post(tx, key(day, "open"), new Message(channel,
                ":sunrise: *Daily standup, " + Times.longDay(day) + "* is open until " + until + ".\n"
                        + "Post your update with `/standup` or the button: security update (security team first), "
                        + "blockers and dependencies, today's deliverable commitments, cross-team coordination needs."
                        + (security.withholdsAny() ? " The security team's update goes in full to "
                                + security.channelName() + " only." : ""),
                List.of(postUpdateButton())));
        Set<String> out = repository.outOfOffice(tx, day).stream().map(OutOfOffice::agent).collect(Collectors.toSet());
        for (Agent agent : config.agents()) {
            if (out.contains(agent.id()) || !agents.isReachable(agent.id())
                    || repository.update(tx, day, agent.id()).isPresent()) {
                continue;
            }
            String ask = config.isSecurityTeam(agent.id())
                    ? "Your security update opens today's standup: what changed, what is at risk, what is next."
                            + (security.isWithheld(agent.id()) ? " It goes in full to " + security.channelName()
                                    + " only; the summary says it was given and which tasks its blockers name." : "")
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
        String closes = clock(calendar.closeAt(standup.openedAt()));
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
        List<PostedUpdate> withheld = withheld(tx, day);
        if (!withheld.isEmpty()) {
            outbox.post(tx, securityUpdateKey(day), securityMessage(day, withheld));
        }
        audit.record(tx, now, by, "standup.close", day.toString());
    }

    /**
     * Records today's update as {@code change} makes it from the one recorded (empty if none),
     * in one transaction: refuses what the rules refuse, writes nothing when nothing changed,
     * and amends the summary when the standup has closed.
     */
    private String record(String agent, UnaryOperator<StandupUpdate> change) {
        Instant now = clock.instant();
        LocalDate day = calendar.dayOf(now);
        return database.inTransaction(tx -> {
            Optional<StandupDay> standup = repository.find(tx, day);
            if (standup.isEmpty() && !calendar.isStandupDay(day)) {
                LocalDate next = calendar.nextStandupDay(day);
                throw new CommandException("There is no standup today (" + Times.longDay(day)
                        + (calendar.isHoliday(day) ? ", a holiday" : "") + "). The next one opens "
                        + Times.longDay(next) + " at " + clock(calendar.openAt(next)) + ".");
            }
            Optional<PostedUpdate> before = repository.update(tx, day, agent);
            StandupUpdate old = before.map(PostedUpdate::update).orElse(EMPTY);
            StandupUpdate after = change.apply(old);
            if (config.isSecurityTeam(agent) && after.security().isEmpty()) {
                throw new CommandException("As a member of the security team, your update opens the standup: add a "
                        + "security section, e.g. `/standup security: patch merged, audit 50% done; today: ...`.");
            }
            if (before.isPresent() && after.equals(old)) {
                return "Nothing changed; your update for " + shortDay(day) + " already says that.";
            }
            boolean late = standup.map(StandupDay::isClosed).orElse(false);
            repository.saveUpdate(tx, day, agent, after, now, late);
            List<String> changes = before.isPresent() ? changes(old, after) : List.of();
            audit.record(tx, now, agent, late ? "standup.late-update" : "standup.update",
                    day + (changes.isEmpty() ? "" : " " + String.join("; ", changes)));
            amendSummaryIfClosed(tx, day, agent);
            return recorded(day, changes, after)
                    + (late ? "\nToday's standup had closed, so the summary now shows this as a late update." : "");
        });
    }

    /** "updated: blockers, today" and "cleared: security", for the answer and the audit. */
    private static List<String> changes(StandupUpdate old, StandupUpdate after) {
        List<String> updated = new ArrayList<>();
        List<String> cleared = new ArrayList<>();
        for (Section section : Section.values()) {
            if (!section.of(old).equals(section.of(after))) {
                (section.of(after).isEmpty() ? cleared : updated).add(section.label());
            }
        }
        List<String> changes = new ArrayList<>();
        if (!updated.isEmpty()) {
            changes.add("updated: " + String.join(", ", updated));
        }
        if (!cleared.isEmpty()) {
            changes.add("cleared: " + String.join(", ", cleared));
        }
        return changes;
    }

    /** What is now recorded, section by section, so the author sees the whole update after any change. */
    private String recorded(LocalDate day, List<String> changes, StandupUpdate update) {
        StringBuilder text = new StringBuilder("Recorded for " + shortDay(day));
        if (!changes.isEmpty()) {
            text.append(" (").append(String.join("; ", changes)).append(')');
        }
        text.append(':');
        for (Section section : Section.values()) {
            if (!section.of(update).isEmpty()) {
                text.append("\n• ").append(section.label()).append(": ").append(SafeText.escape(section.of(update)));
            }
        }
        return text.toString();
    }

    /**
     * Re-renders the posted summary in place once the day has closed; true when it had. When
     * {@code agent}'s update is withheld its security-channel post follows: posted now if the
     * close had none to post (the update came late), edited in place otherwise.
     */
    private boolean amendSummaryIfClosed(Tx tx, LocalDate day, String agent) {
        Optional<StandupDay> standup = repository.find(tx, day);
        if (standup.isEmpty() || !standup.get().isClosed()) {
            return false;
        }
        outbox.update(tx, summaryKey(day), Message.of(channel, summary(tx, standup.get(), null)));
        if (security.isWithheld(agent)) {
            Message message = securityMessage(day, withheld(tx, day));
            if (!outbox.post(tx, securityUpdateKey(day), message)) {
                outbox.update(tx, securityUpdateKey(day), message);
            }
        }
        return true;
    }

    private List<PostedUpdate> withheld(Tx tx, LocalDate day) {
        return repository.updates(tx, day).stream().filter(p -> security.isWithheld(p.agent()))
                .sorted(Comparator.comparingInt(p -> config.rank(p.agent()))).toList();
    }

    private Message securityMessage(LocalDate day, List<PostedUpdate> withheld) {
        return Message.of(security.channel(), securityRenderer.render(day, withheld, taskLookup));
    }

    private String shortDay(LocalDate day) {
        return Times.shortDay(day, today());
    }

    private String clock(Instant instant) {
        return Times.clockWithZone(instant, calendar.zone());
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

    static Button postUpdateButton() {
        return new Button(POST_UPDATE_ACTION, "Post update", "standup", "/standup");
    }

    static String summaryKey(LocalDate day) {
        return key(day, "summary");
    }

    /** The security team's updates in the security channel: once a day, like the summary it goes with. */
    static String securityUpdateKey(LocalDate day) {
        return key(day, "security-update");
    }

    private static String key(LocalDate day, String what) {
        return "standup:" + day + ":" + what;
    }
}
