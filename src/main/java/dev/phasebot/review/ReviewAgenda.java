package dev.phasebot.review;

import dev.phasebot.config.ReviewSettings;
import dev.phasebot.incident.IncidentWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a review's agenda from what was recorded in the week before it: the log's decisions,
 * metrics and topics, and what the other features report (gates, incidents, standups, overdue
 * tasks, unmet success metrics, open risks). Only sections with something in them, in the plan's order, each with a time box;
 * the boxes fill the meeting.
 */
final class ReviewAgenda {

    /** A section before its time box: its share of the hour. */
    private record Candidate(Agenda.Section section, int weight) {}

    private final ReviewSettings settings;
    private final ReviewLog log;
    private final ReviewInputs inputs;
    private final ReviewCalendar calendar;

    ReviewAgenda(ReviewSettings settings, ReviewLog log, ReviewInputs inputs, ReviewCalendar calendar) {
        this.settings = settings;
        this.log = log;
        this.inputs = inputs;
        this.calendar = calendar;
    }

    /** The plan's heading for next-phase topics (its fourth agenda heading). */
    static String topicsHeading(ReviewSettings settings) {
        return heading(settings, 3, "Next phase");
    }

    /** The agenda of the review starting at {@code starts}, as it stands at {@code now}. */
    Agenda build(Instant starts, Instant now) {
        Instant from = starts.minus(Duration.ofDays(7));
        LocalDate firstDay = calendar.day(from);
        LocalDate lastDay = calendar.day(starts);
        IncidentWeek incidents = inputs.incidents().week(from, starts, now);
        List<Candidate> candidates = List.of(
                new Candidate(
                        new Agenda.Decisions(
                                heading(settings, 0, "Decisions") + ": decisions logged this week",
                                0,
                                log.decisions(from, starts)),
                        15),
                new Candidate(
                        new Agenda.Reported(
                                Agenda.Source.GATES,
                                heading(settings, 1, "Quality gates"),
                                0,
                                ReportedLines.gates(inputs.gates().progress(), calendar.zone(), now)),
                        10),
                new Candidate(new Agenda.Metrics(heading(settings, 2, "Metrics"), 0, log.metrics(now)), 10),
                new Candidate(
                        new Agenda.Reported(
                                Agenda.Source.INCIDENTS,
                                "Incidents of the week",
                                0,
                                ReportedLines.incidents(incidents)),
                        5),
                new Candidate(
                        new Agenda.Reported(
                                Agenda.Source.FOLLOW_UPS,
                                "Open incident follow-ups",
                                0,
                                ReportedLines.followUps(incidents.openFollowUps())),
                        5),
                new Candidate(
                        new Agenda.Reported(
                                Agenda.Source.STANDUPS,
                                "Standup participation and open blockers",
                                0,
                                ReportedLines.participation(
                                        inputs.participation().between(firstDay, lastDay))),
                        5),
                new Candidate(
                        new Agenda.Reported(
                                Agenda.Source.OVERDUE,
                                "Overdue tasks",
                                0,
                                ReportedLines.overdue(inputs.overdue().tasks(), calendar.zone(), now)),
                        5),
                new Candidate(
                        new Agenda.Reported(
                                Agenda.Source.SUCCESS_METRICS,
                                "Success metrics not met yet",
                                0,
                                ReportedLines.unmetMetrics(inputs.unmetMetrics().groups())),
                        5),
                new Candidate(
                        new Agenda.Reported(
                                Agenda.Source.RISKS,
                                "Open risks",
                                0,
                                ReportedLines.openRisks(inputs.openRisks().risks())),
                        5),
                new Candidate(new Agenda.Topics(topicsHeading(settings), 0, log.topics(from, starts)), 10));
        return new Agenda(starts, starts.plus(settings.duration()), settings.leader(), timeBoxed(candidates));
    }

    /** Gives each non-empty section its share of the meeting; the last takes what is left, so they add up. */
    private List<Agenda.Section> timeBoxed(List<Candidate> candidates) {
        List<Candidate> kept =
                candidates.stream().filter(c -> c.section().size() > 0).toList();
        long minutes = settings.duration().toMinutes();
        int totalWeight = kept.stream().mapToInt(Candidate::weight).sum();
        List<Agenda.Section> sections = new ArrayList<>();
        long given = 0;
        for (int i = 0; i < kept.size(); i++) {
            Candidate c = kept.get(i);
            long box = i == kept.size() - 1
                    ? minutes - given
                    : Math.max(1, Math.round((double) minutes * c.weight() / totalWeight));
            given += box;
            sections.add(withMinutes(c.section(), box));
        }
        return sections;
    }

    private static Agenda.Section withMinutes(Agenda.Section s, long minutes) {
        if (s instanceof Agenda.Decisions d) {
            return new Agenda.Decisions(d.heading(), minutes, d.decisions());
        }
        if (s instanceof Agenda.Metrics m) {
            return new Agenda.Metrics(m.heading(), minutes, m.readings());
        }
        if (s instanceof Agenda.Topics t) {
            return new Agenda.Topics(t.heading(), minutes, t.topics());
        }
        Agenda.Reported r = (Agenda.Reported) s;
        return new Agenda.Reported(r.source(), r.heading(), minutes, r.lines());
    }

    private static String heading(ReviewSettings settings, int index, String fallback) {
        return settings.agenda().size() > index ? settings.agenda().get(index) : fallback;
    }
}
