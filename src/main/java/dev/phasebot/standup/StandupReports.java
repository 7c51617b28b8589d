package dev.phasebot.standup;

import dev.phasebot.config.Agent;
import dev.phasebot.config.BotConfig;
import dev.phasebot.message.SafeText;
import dev.phasebot.message.Times;
import dev.phasebot.store.Database;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the standup tables say, read only: today's status, past updates, out-of-office periods,
 * and participation for the weekly review. {@link StandupService} delegates here. None of them
 * quotes a withheld update ({@link SecurityUpdates}) to anyone who may not read the security
 * channel; the status never quotes any update at all.
 */
final class StandupReports {

    private final BotConfig config;
    private final Database database;
    private final StandupRepository repository;
    private final StandupCalendar calendar;
    private final Clock clock;
    private final SecurityUpdates security;

    StandupReports(BotConfig config, Database database, StandupRepository repository, StandupCalendar calendar,
                   Clock clock, SecurityUpdates security) {
        this.config = config;
        this.database = database;
        this.repository = repository;
        this.calendar = calendar;
        this.clock = clock;
        this.security = security;
    }

    /** Where today's standup stands and who has posted. */
    String status() {
        Instant now = clock.instant();
        LocalDate day = calendar.dayOf(now);
        return database.read(tx -> {
            Optional<StandupDay> standup = repository.find(tx, day);
            List<PostedUpdate> posted = repository.updates(tx, day);
            Set<String> out = repository.outOfOffice(tx, day).stream().map(OutOfOffice::agent).collect(Collectors.toSet());
            StringBuilder text = new StringBuilder("*Standup, " + Times.longDay(day) + "*: ");
            if (standup.isPresent() && standup.get().isClosed()) {
                text.append("closed at ").append(clock(standup.get().closedAt()));
            } else if (standup.isPresent()) {
                text.append("open until ").append(clock(calendar.closeAt(standup.get().openedAt())));
            } else if (calendar.isStandupDay(day)) {
                text.append("opens at ").append(clock(calendar.openAt(day)));
            } else {
                text.append("no standup today");
            }
            text.append('\n');
            Set<String> postedAgents = posted.stream().map(PostedUpdate::agent).collect(Collectors.toSet());
            text.append("*Posted:* ").append(posted.isEmpty() ? "nobody yet" : posted.stream()
                    .map(p -> p.agent() + " (" + clock(p.postedAt()) + (p.late() ? ", late" : "") + ")")
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

    /**
     * Updates of the last {@code days} days, newest first, each with the time it was last
     * posted; a withheld update in full only when {@code reader} may see it.
     */
    String history(String reader, String agentOrNull, int days) {
        LocalDate today = calendar.dayOf(clock.instant());
        LocalDate first = today.minusDays(days - 1L);
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
            text.append("• *").append(p.agent()).append("* (").append(clock(p.postedAt()))
                    .append(p.late() ? ", late" : "").append("): ")
                    .append(security.maySee(reader, p.agent()) ? sections(p.update()) : security.given(p.update()))
                    .append('\n');
        }
        return text.toString().stripTrailing();
    }

    /** Current and upcoming out-of-office periods, each with the id that cancels it. */
    String outOfOfficeList(String agentOrNull) {
        LocalDate today = calendar.dayOf(clock.instant());
        List<OutOfOffice> periods = database.read(tx -> repository.outOfOfficeFrom(tx, today, agentOrNull));
        if (periods.isEmpty()) {
            return (agentOrNull == null ? "Nobody is" : agentOrNull + " is not") + " out of office today or later.";
        }
        return periods.stream().map(StandupReports::describe).collect(Collectors.joining("\n"));
    }

    /**
     * Standup participation between two days (inclusive) for the weekly review: per agent,
     * updates posted out of standups held, and the blockers in each agent's latest update.
     */
    List<String> participation(LocalDate first, LocalDate last) {
        return database.read(tx -> {
            List<LocalDate> held = new ArrayList<>();
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
            List<String> lines = new ArrayList<>();
            for (Agent agent : config.agents()) {
                List<PostedUpdate> mine = updates.stream().filter(p -> p.agent().equals(agent.id())).toList();
                long posted = mine.stream().map(PostedUpdate::day).filter(held::contains).distinct().count();
                StringBuilder line = new StringBuilder(agent.id() + ": " + posted + "/" + held.size());
                // The agenda goes to a channel anyone in the phase reads: a withheld update names tasks only.
                mine.stream().max(Comparator.comparing(PostedUpdate::day))
                        .filter(p -> !UpdateParser.saysNothing(p.update().blockers()))
                        .ifPresent(p -> line.append(" · still blocked: ").append(security.isWithheld(p.agent())
                                ? security.given(p.update()) : SafeText.escape(p.update().blockers())));
                lines.add(line.toString());
            }
            return lines;
        });
    }

    /** "#3 qa-engineer: Thu 24 Dec to Thu 31 Dec 2026 (holidays)", the reason escaped. */
    static String describe(OutOfOffice ooo) {
        return "#" + ooo.id() + " " + ooo.agent() + ": " + ooo.period()
                + (ooo.reason() == null || ooo.reason().isBlank() ? "" : " (" + SafeText.escape(ooo.reason()) + ")");
    }

    /** "_security:_ patched; _today:_ audit", non-empty sections in the plan's order, escaped. */
    static String sections(StandupUpdate update) {
        StringBuilder parts = new StringBuilder();
        for (Section section : Section.values()) {
            String value = section.of(update);
            if (!value.isEmpty()) {
                if (parts.length() > 0) {
                    parts.append("; ");
                }
                parts.append('_').append(section.label()).append(":_ ").append(SafeText.escape(value));
            }
        }
        return parts.toString();
    }

    private String clock(Instant instant) {
        return Times.clockWithZone(instant, calendar.zone());
    }
}
