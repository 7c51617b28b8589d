package dev.phasebot.review;

import dev.phasebot.incident.IncidentWeek;
import dev.phasebot.message.Line;
import dev.phasebot.message.Span;
import dev.phasebot.message.Times;
import dev.phasebot.plan.GateProgress;
import dev.phasebot.plan.TaskRow;
import dev.phasebot.standup.StandupReports.Participation;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** How the other features' data reads on the agenda: one line per incident, per agent. */
final class ReportedLines {

    private ReportedLines() {}

    /** "#3 CRITICAL security incident: assessed in 22 min, still open; missed: mitigation plan by 1 h". */
    static List<Line> incidents(IncidentWeek week) {
        return week.incidents().stream()
                .map(i -> {
                    List<String> facts = new ArrayList<>();
                    if (i.assessedIn() != null) {
                        facts.add("assessed in " + Times.duration(i.assessedIn()));
                    }
                    if (i.mitigatedIn() != null) {
                        facts.add("mitigation plan in " + Times.duration(i.mitigatedIn()));
                    }
                    facts.add(i.resolvedIn() != null ? "resolved in " + Times.duration(i.resolvedIn()) : "still open");
                    // The review is not the security channel: a security incident is named by its id only.
                    Line line = Line.of(
                            Span.strong("#" + i.id()),
                            " " + i.severity() + " ",
                            i.security() ? "security incident" : i.title(),
                            ": " + String.join(", ", facts));
                    if (!i.missed().isEmpty()) {
                        line = line.plus("; missed: "
                                + String.join(
                                        ", ",
                                        i.missed().stream()
                                                .map(m -> m.milestone() + " by " + Times.duration(m.by()))
                                                .toList()));
                    }
                    return line;
                })
                .toList();
    }

    /** "T14 add a canary for config pushes · incident #3 · ml-engineer · due 2026-12-01". */
    static List<Line> followUps(List<IncidentWeek.FollowUp> followUps) {
        return followUps.stream()
                .map(f -> Line.of(
                        Span.strong(f.taskId()),
                        " ",
                        f.title(),
                        " · incident #" + f.incident() + " · " + f.owner()
                                + (f.due() == null ? "" : " · due " + f.due())))
                .toList();
    }

    /** "qa-engineer: 4/5 · still blocked: waiting on the fuzzing corpus". */
    static List<Line> participation(Participation participation) {
        return participation.agents().stream()
                .map(a -> {
                    Line line = Line.of(Span.strong(a.agent()), ": " + a.posted() + "/" + participation.held());
                    return a.stillBlocked() == null ? line : line.plus(" · still blocked: ", a.stillBlocked());
                })
                .toList();
    }

    /** "Gate 1: Security Clearance: 2/4 criteria met · owner qa-engineer · due 2026-12-01". */
    static List<Line> gates(List<GateProgress> gates, ZoneId zone, Instant now) {
        return gates.stream()
                .map(g -> Line.of(
                        Span.strong(g.label()),
                        ": " + g.met() + "/" + g.total()
                                + " criteria met · owner " + g.owner() + " · "
                                + (g.isPassed() ? "passed " + day(g.passedAt(), zone, now) : "due " + g.due())
                                + (g.waitingOnAnotherGate() ? " · waiting on another gate" : "")))
                .toList();
    }

    /** "T3 Model Architecture Design · HIGH · ml-engineer · in progress · due 2026-11-20 (overdue since Fri 20 Nov)". */
    static List<Line> overdue(List<TaskRow> tasks, ZoneId zone, Instant now) {
        return tasks.stream()
                .map(t -> Line.of(
                        Span.strong(t.id()),
                        " ",
                        t.title(),
                        " · " + t.priority() + " · "
                                + t.owner() + " · " + t.status()
                                + (t.dueAt() == null
                                        ? ""
                                        : " · due " + t.due()
                                                + (t.overdue()
                                                        ? " (overdue since " + day(t.dueAt(), zone, now) + ")"
                                                        : ""))))
                .toList();
    }

    /** One line per group of success metrics with what is still unmet. */
    static List<Line> unmetMetrics(List<ReviewInputs.MetricGroup> groups) {
        return groups.stream()
                .map(g -> Line.of(
                        Span.strong(g.group()),
                        " · " + g.owner() + " · " + g.unmet().size() + " unmet: " + String.join("; ", g.unmet())))
                .toList();
    }

    /** One line per open risk, with its owner and mitigation. */
    static List<Line> openRisks(List<ReviewInputs.OpenRisk> risks) {
        return risks.stream()
                .map(r -> Line.of(
                        Span.strong(r.id()), " " + r.risk() + " · " + r.owner() + " · mitigation: " + r.mitigation()))
                .toList();
    }

    private static String day(Instant at, ZoneId zone, Instant now) {
        return Times.shortDay(at.atZone(zone).toLocalDate(), now.atZone(zone).toLocalDate());
    }
}
