package dev.phasebot.phase;

import dev.phasebot.config.BotConfig;
import dev.phasebot.config.ReviewSettings;
import dev.phasebot.incident.IncidentQueries;
import dev.phasebot.incident.IncidentQueries.NextDeadline;
import dev.phasebot.phase.NextUpView.When;
import dev.phasebot.plan.Gate;
import dev.phasebot.plan.PlanService;
import dev.phasebot.standup.StandupCalendar;
import dev.phasebot.standup.StandupSession;
import dev.phasebot.standup.StandupSession.StandupDay;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Optional;

/**
 * {@code /phase next}: what happens next and when: the next standup,
 * the next review, each open incident's next deadline, and the gates due this week.
 */
public final class NextUp {

    private final BotConfig config;
    private final StandupSession standups;
    private final StandupCalendar calendar;
    private final PlanService plan;
    private final IncidentQueries incidents;
    private final Clock clock;
    private final ZoneId zone;

    public NextUp(
            BotConfig config,
            StandupCalendar calendar,
            StandupSession standups,
            PlanService plan,
            IncidentQueries incidents,
            Clock clock) {
        this.config = config;
        this.standups = standups;
        this.calendar = calendar;
        this.plan = plan;
        this.incidents = incidents;
        this.clock = clock;
        this.zone = config.phase().zone();
    }

    public NextUpView next(String agent) {
        Instant now = clock.instant();
        LocalDate today = now.atZone(zone).toLocalDate();
        Instant weekEnd = today.with(TemporalAdjusters.next(DayOfWeek.MONDAY))
                .atStartOfDay(zone)
                .toInstant();
        List<Gate> gates = plan.gatesDueBetween(
                today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                        .atStartOfDay(zone)
                        .toInstant(),
                weekEnd);
        List<NextDeadline> deadlines = incidents.nextDeadlines(agent);
        return new NextUpView(now, standup(now), review(now), config.review().leader(), deadlines, gates);
    }

    private When standup(Instant now) {
        LocalDate day = calendar.dayOf(now);
        Optional<StandupDay> held = standups.todaysStandup();
        if (held.isPresent() && !held.get().isClosed()) {
            return When.nowUntil(calendar.closeAt(held.get().openedAt()));
        }
        if (held.isEmpty() && calendar.isStandupDay(day)) {
            Instant opens = calendar.openAt(day);
            Instant closes = calendar.closeAt(opens);
            if (now.isBefore(opens)) {
                return When.todayAt(opens);
            }
            if (now.isBefore(closes)) {
                return When.nowUntil(closes);
            }
        }
        LocalDate next = calendar.nextStandupDay(day);
        return When.at(calendar.openAt(next));
    }

    private When review(Instant now) {
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
                return When.at(starts);
            }
            return When.nowUntil(ends);
        }
        return When.none();
    }
}
