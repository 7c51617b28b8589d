package dev.phasebot.phase;

import dev.phasebot.message.Block;
import dev.phasebot.message.Doc;
import dev.phasebot.message.Line;
import dev.phasebot.message.Span;
import dev.phasebot.message.Times;
import dev.phasebot.plan.Gate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** How {@code /phase next} reads: times in the phase's zone, with how long until each. */
public final class NextUpDocs {

    private final ZoneId zone;

    public NextUpDocs(ZoneId zone) {
        this.zone = zone;
    }

    public Doc doc(NextUpView view) {
        Instant now = view.now();
        Doc.Builder doc = Doc.builder()
                .heading("What is next")
                .context(Times.dayAndClock(now, zone, now))
                .fields(List.of(
                        new Block.Field("Standup", Line.of(when(view.standup(), "open now", now))),
                        new Block.Field(
                                "Technical review",
                                Line.of(when(view.review(), "running now", now)
                                        + (view.review().kind() == NextUpView.When.Kind.AT
                                                ? ", led by " + view.reviewLeader()
                                                : "")))));
        if (view.incidentDeadlines().isEmpty()) {
            doc.line("Incident deadlines: none, no CRITICAL incident is open");
        } else {
            doc.bullets(
                    Line.of("Incident deadlines"),
                    view.incidentDeadlines().stream().map(d -> deadline(d, now)).toList());
        }
        if (view.gatesDue().isEmpty()) {
            doc.line("Gates due this week: none");
        } else {
            doc.bullets(
                    Line.of("Gates due this week"),
                    view.gatesDue().stream().map(this::gate).toList());
        }
        return doc.build();
    }

    /** "#3 CRITICAL · Token leaked — next: technical assessment due 10:32 EST (in 12 min)". */
    private Line deadline(dev.phasebot.incident.IncidentQueries.NextDeadline d, Instant now) {
        Line line = d.title() == null
                ? Line.of(
                        Span.strong("#" + d.id()),
                        " " + d.severity() + " security incident (details in the security channel)")
                : Line.of(
                        Span.strong("#" + d.id()),
                        " " + d.severity() + (d.security() ? " · security · " : " · "),
                        d.title());
        return line.plus(" — next: " + d.milestone() + " due " + Times.clockWithZone(d.due(), zone)
                + (now.isBefore(d.due())
                        ? " (in " + Times.duration(Duration.between(now, d.due())) + ")"
                        : " (overdue by " + Times.duration(Duration.between(d.due(), now)) + ")"));
    }

    private Line gate(Gate g) {
        return Line.of(g.label() + " (owner " + g.owner() + "): " + g.metCount() + " of "
                + g.criteria().size() + " criteria met, due " + g.due());
    }

    private String when(NextUpView.When when, String running, Instant now) {
        return switch (when.kind()) {
            case NOW_UNTIL -> running + ", until " + Times.clockWithZone(when.at(), zone);
            case TODAY_AT -> "today at " + Times.clockWithZone(when.at(), zone) + in(now, when.at());
            case AT -> Times.dayAndClock(when.at(), zone, now) + in(now, when.at());
            case NONE -> "none scheduled in the coming year";
        };
    }

    private static String in(Instant now, Instant at) {
        return " (in " + Times.duration(Duration.between(now, at)) + ")";
    }
}
