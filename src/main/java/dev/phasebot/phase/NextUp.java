package dev.phasebot.phase;

import dev.phasebot.config.BotConfig;
import dev.phasebot.config.ReviewSettings;
import dev.phasebot.incident.IncidentService;
import dev.phasebot.message.SafeText;
import dev.phasebot.message.Times;
import dev.phasebot.plan.Gate;
import dev.phasebot.plan.PlanService;
import dev.phasebot.standup.StandupCalendar;
import dev.phasebot.standup.StandupDay;
import dev.phasebot.standup.StandupService;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code /phase next}: what happens next and when, in the phase's zone: the next standup,
 * the next review, each open incident's next deadline, and the gates due this week.
 */
public final class NextUp {

    private final BotConfig config;
    private final StandupService standups;
    private final StandupCalendar calendar;
    private final PlanService plan;
    private final IncidentService incidents;
    private final Clock clock;
    private final ZoneId zone;

    public NextUp(BotConfig config, StandupService standups, PlanService plan, IncidentService incidents, Clock clock) {
        this.config = config;
        this.standups = standups;
        this.calendar = standups.calendar();
        this.plan = plan;
        this.incidents = incidents;
        this.clock = clock;
        this.zone = config.phase().zone();
    }

    public String render(String agent) {
        Instant now = clock.instant();
        List<String> lines = new ArrayList<>();
        lines.add("*What is next* (" + Times.dayAndClock(now, zone, now) + ")");
        lines.add("• Standup: " + standup(now));
        lines.add("• Technical review: " + review(now));
        List<String> deadlines = incidents.nextDeadlines(agent);
        lines.add("• Incident deadlines: " + (deadlines.isEmpty() ? "none, no CRITICAL incident is open" : ""));
        deadlines.forEach(d -> lines.add("    ◦ " + d));
        LocalDate today = now.atZone(zone).toLocalDate();
        Instant weekEnd = today.with(TemporalAdjusters.next(DayOfWeek.MONDAY)).atStartOfDay(zone).toInstant();
        List<Gate> gates = plan.gatesDueBetween(today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                .atStartOfDay(zone).toInstant(), weekEnd);
        lines.add("• Gates due this week: " + (gates.isEmpty() ? "none" : ""));
        gates.forEach(g -> lines.add("    ◦ " + g.label() + " (owner " + g.owner() + "): " + g.metCount() + " of "
                + g.criteria().size() + " criteria met, due " + SafeText.escape(g.due())));
        return String.join("\n", lines);
    }

    private String standup(Instant now) {
        LocalDate day = calendar.dayOf(now);
        Optional<StandupDay> held = standups.todaysStandup();
        if (held.isPresent() && !held.get().isClosed()) {
            return "open now, until " + Times.clockWithZone(calendar.closeAt(held.get().openedAt()), zone);
        }
        if (held.isEmpty() && calendar.isStandupDay(day)) {
            Instant opens = calendar.openAt(day);
            Instant closes = calendar.closeAt(opens);
            if (now.isBefore(opens)) {
                return "today at " + Times.clockWithZone(opens, zone) + " (in " + Times.duration(Duration.between(now, opens)) + ")";
            }
            if (now.isBefore(closes)) {
                return "open now, until " + Times.clockWithZone(closes, zone);
            }
        }
        LocalDate next = calendar.nextStandupDay(day);
        Instant opens = calendar.openAt(next);
        return Times.dayAndClock(opens, zone, now) + " (in " + Times.duration(Duration.between(now, opens)) + ")";
    }

    private String review(Instant now) {
        ReviewSettings review = config.review();
        LocalDate day = now.atZone(zone).toLocalDate().with(TemporalAdjusters.nextOrSame(review.day()));
        for (int weeks = 0; weeks < 52; weeks++, day = day.plusWeeks(1)) {
            if (config.standup().holidays().contains(day)) {
                continue;
            }
            Instant starts = ZonedDateTime.of(day, review.time(), zone).toInstant();
            Instant ends = starts.plus(review.duration());
            if (!now.isBefore(ends)) {
                continue;
            }
            if (now.isBefore(starts)) {
                return Times.dayAndClock(starts, zone, now) + " (in " + Times.duration(Duration.between(now, starts))
                        + "), led by " + review.leader();
            }
            return "running now, until " + Times.clockWithZone(ends, zone);
        }
        return "none scheduled in the coming year";
    }
}
