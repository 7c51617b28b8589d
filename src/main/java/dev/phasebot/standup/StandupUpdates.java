package dev.phasebot.standup;

import dev.phasebot.config.BotConfig;
import dev.phasebot.message.Refusal;
import dev.phasebot.message.Span;
import dev.phasebot.message.Times;
import dev.phasebot.standup.StandupRepository.PostedUpdate;
import dev.phasebot.standup.StandupSession.StandupDay;
import dev.phasebot.store.AuditLog;
import dev.phasebot.store.Database;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The agents' updates and out-of-office periods: posting, amending and clearing an update
 * (after the close each amends the summary), and marking or cancelling days away.
 */
public final class StandupUpdates {

    private static final StandupUpdate EMPTY = new StandupUpdate("", "", "", "");

    private final BotConfig config;
    private final Database database;
    private final AuditLog audit;
    private final Clock clock;
    private final StandupCalendar calendar;
    private final StandupRepository repository = new StandupRepository();
    private final SummaryPoster summaries;

    public StandupUpdates(
            BotConfig config,
            Database database,
            AuditLog audit,
            Clock clock,
            StandupCalendar calendar,
            SummaryPoster summaries) {
        this.config = config;
        this.database = database;
        this.audit = audit;
        this.clock = clock;
        this.calendar = calendar;
        this.summaries = summaries;
    }

    /** The day an update posted now is for, in the standup's zone. */
    public LocalDate today() {
        return calendar.dayOf(clock.instant());
    }

    /**
     * The inline path ({@code /standup blockers: ...}): each section given replaces that section
     * only. Text with no label may fill today's commitments but never replace ones already recorded.
     */
    public StandupResult post(String agent, UpdateParser.ParsedUpdate parsed) {
        StandupUpdate given = parsed.update();
        UpdateParser.check(given);
        return record(agent, old -> {
            if (parsed.unlabeled()
                    && !old.commitments().isEmpty()
                    && !old.commitments().equals(given.commitments())) {
                throw Refusal.of(
                        Section.TODAY.field(),
                        "You already have today's commitments (“" + old.commitments()
                                + "”). To replace them, name the section: ",
                        Span.code("/standup today: " + given.commitments()),
                        ".");
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
     * The form (Slack modal, console questions): it shows the current update, so what comes back
     * replaces all four sections.
     */
    public StandupResult submit(String agent, StandupUpdate update) {
        UpdateParser.check(update);
        return record(agent, old -> update);
    }

    /**
     * Empties one section ({@code section} by name or any label the parser knows); emptying the
     * last one withdraws the update.
     */
    public StandupResult clear(String agent, String section) {
        Section cleared = Section.named(section)
                .orElseThrow(
                        () -> Refusal.of(
                                "section",
                                Span.code(section),
                                " is not a section of the standup update; name one of: security, blockers, today, coordination."));
        Instant now = clock.instant();
        LocalDate day = calendar.dayOf(now);
        return database.inTransaction(tx -> {
            StandupUpdate old =
                    repository.update(tx, day, agent).map(PostedUpdate::update).orElse(EMPTY);
            if (cleared.of(old).isEmpty()) {
                return new StandupResult.NothingChanged(day, cleared);
            }
            if (cleared == Section.SECURITY && config.isSecurityTeam(agent)) {
                throw Refusal.of(
                        Section.SECURITY.field(),
                        "The security team's update must keep its security section, "
                                + "so it cannot be cleared. To change it, name it: ",
                        Span.code("/standup security: <new text>"),
                        ".");
            }
            StandupUpdate after = cleared.in(old, "");
            boolean withdrawn = after.isEmpty();
            if (withdrawn) {
                repository.deleteUpdate(tx, day, agent);
            } else {
                // A clear is no new post: the rest of the update keeps its time and its on-time mark.
                repository.replaceSections(tx, day, agent, after);
            }
            audit.record(
                    tx,
                    now,
                    agent,
                    "standup.clear",
                    day + " " + cleared.label() + (withdrawn ? " (update withdrawn)" : ""));
            boolean amended = summaries.amendIfClosed(tx, day, agent);
            return withdrawn
                    ? new StandupResult.UpdateWithdrawn(day, cleared, amended)
                    : new StandupResult.UpdateRecorded(day, after, List.of(), List.of(cleared), false, amended);
        });
    }

    /** The caller's update for today, to pre-fill the form. */
    public Optional<StandupUpdate> current(String agent) {
        LocalDate day = calendar.dayOf(clock.instant());
        return database.read(tx -> repository.update(tx, day, agent).map(PostedUpdate::update));
    }

    /** {@code /standup ooo}: no prompts or reminders those days; listed as out in the summary. */
    public StandupResult.OutOfOfficeSet outOfOffice(
            String caller, String agent, LocalDate first, LocalDate last, String reason) {
        if (!agent.equals(caller) && !config.lead().id().equals(caller)) {
            throw Refusal.of(
                    "agent", "Only the lead (" + config.lead().id() + ") may mark another agent out of office.");
        }
        if (last.isBefore(first)) {
            throw Refusal.of("to", "The last day (" + last + ") is before the first (" + first + ").");
        }
        if (last.isBefore(calendar.dayOf(clock.instant()))) {
            throw Refusal.of("to", "Those days are in the past; out of office is for today or later.");
        }
        if (first.plusDays(90).isBefore(last)) {
            throw Refusal.of("to", "Out of office is limited to 90 days at a time.");
        }
        Instant now = clock.instant();
        OutOfOffice ooo = new OutOfOffice(0, agent, first, last, reason);
        long id = database.inTransaction(tx -> {
            long added = repository.addOutOfOffice(tx, ooo, caller, now);
            audit.record(tx, now, caller, "standup.ooo", "#" + added + " " + agent + " " + first + ".." + last);
            return added;
        });
        return new StandupResult.OutOfOfficeSet(new OutOfOffice(id, agent, first, last, reason), agent.equals(caller));
    }

    /** By the agent or the lead. One that has started ends yesterday instead, so past days stay as they were. */
    public StandupResult.OutOfOfficeCancelled cancelOutOfOffice(String caller, long id) {
        Instant now = clock.instant();
        LocalDate today = calendar.dayOf(now);
        return database.inTransaction(tx -> {
            OutOfOffice ooo = repository
                    .outOfOfficeById(tx, id)
                    .orElseThrow(() -> Refusal.of(
                            "number",
                            "There is no out-of-office #" + id + ". ",
                            Span.code("/standup ooo list"),
                            " shows them."));
            if (!ooo.agent().equals(caller) && !config.lead().id().equals(caller)) {
                throw Refusal.of(
                        "number",
                        "Only " + ooo.agent() + " or the lead (" + config.lead().id() + ") may cancel out-of-office #"
                                + id + ".");
            }
            if (ooo.lastDay().isBefore(today)) {
                throw Refusal.of(
                        "number",
                        "Out-of-office #" + id + " is over (it ended " + Times.shortDay(ooo.lastDay(), today)
                                + "); past days stay as recorded.");
            }
            LocalDate endedOn = null;
            if (ooo.firstDay().isBefore(today)) {
                endedOn = today.minusDays(1);
                repository.endOutOfOffice(tx, id, endedOn);
            } else {
                repository.deleteOutOfOffice(tx, id);
            }
            audit.record(
                    tx,
                    now,
                    caller,
                    "standup.ooo-cancel",
                    "#" + id + " " + ooo.agent() + " " + ooo.firstDay() + ".." + ooo.lastDay());
            return new StandupResult.OutOfOfficeCancelled(ooo, endedOn);
        });
    }

    /**
     * Records today's update as {@code change} makes it from the one recorded (empty if none),
     * in one transaction: refuses what the rules refuse, writes nothing when nothing changed,
     * and amends the summary when the standup has closed.
     */
    private StandupResult record(String agent, UnaryOperator<StandupUpdate> change) {
        Instant now = clock.instant();
        LocalDate day = calendar.dayOf(now);
        return database.inTransaction(tx -> {
            Optional<StandupDay> standup = repository.find(tx, day);
            if (standup.isEmpty() && !calendar.isStandupDay(day)) {
                LocalDate next = calendar.nextStandupDay(day);
                throw Refusal.of(
                        null,
                        "There is no standup today (" + Times.longDay(day)
                                + (calendar.isHoliday(day) ? ", a holiday" : "") + "). The next one opens "
                                + Times.longDay(next) + " at "
                                + Times.clockWithZone(calendar.openAt(next), calendar.zone()) + ".");
            }
            Optional<PostedUpdate> before = repository.update(tx, day, agent);
            StandupUpdate old = before.map(PostedUpdate::update).orElse(EMPTY);
            StandupUpdate after = change.apply(old);
            if (config.isSecurityTeam(agent) && after.security().isEmpty()) {
                throw Refusal.of(
                        Section.SECURITY.field(),
                        "As a member of the security team, your update opens the "
                                + "standup: add a security section, e.g. ",
                        Span.code("/standup security: patch merged, audit 50% " + "done; today: ..."),
                        ".");
            }
            if (before.isPresent() && after.equals(old)) {
                return new StandupResult.NothingChanged(day, null);
            }
            boolean late = standup.map(StandupDay::isClosed).orElse(false);
            repository.saveUpdate(tx, day, agent, after, now, late);
            List<Section> updated = new ArrayList<>();
            List<Section> cleared = new ArrayList<>();
            if (before.isPresent()) {
                for (Section section : Section.values()) {
                    if (!section.of(old).equals(section.of(after))) {
                        (section.of(after).isEmpty() ? cleared : updated).add(section);
                    }
                }
            }
            audit.record(
                    tx, now, agent, late ? "standup.late-update" : "standup.update", day + changes(updated, cleared));
            boolean amended = summaries.amendIfClosed(tx, day, standup, agent);
            if (late) {
                summaries.noteLate(tx, day, agent, now);
            }
            return new StandupResult.UpdateRecorded(day, after, updated, cleared, late, amended);
        });
    }

    /** " updated: blockers, today; cleared: security", for the audit. */
    private static String changes(List<Section> updated, List<Section> cleared) {
        List<String> changes = new ArrayList<>();
        if (!updated.isEmpty()) {
            changes.add("updated: "
                    + String.join(", ", updated.stream().map(Section::label).toList()));
        }
        if (!cleared.isEmpty()) {
            changes.add("cleared: "
                    + String.join(", ", cleared.stream().map(Section::label).toList()));
        }
        return changes.isEmpty() ? "" : " " + String.join("; ", changes);
    }
}
