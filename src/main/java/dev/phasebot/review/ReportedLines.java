package dev.phasebot.review;

import dev.phasebot.incident.IncidentWeek;
import dev.phasebot.message.Line;
import dev.phasebot.message.Span;
import dev.phasebot.message.Times;
import dev.phasebot.standup.Participation;
import java.util.ArrayList;
import java.util.List;

/** How the other features' data reads on the agenda: one line per incident, per agent. */
final class ReportedLines {

    private ReportedLines() {
    }

    /** "#3 CRITICAL security incident: assessed in 22 min, still open; missed: mitigation plan by 1 h". */
    static List<Line> incidents(IncidentWeek week) {
        return week.incidents().stream().map(i -> {
            List<String> facts = new ArrayList<>();
            if (i.assessedIn() != null) {
                facts.add("assessed in " + Times.duration(i.assessedIn()));
            }
            if (i.mitigatedIn() != null) {
                facts.add("mitigation plan in " + Times.duration(i.mitigatedIn()));
            }
            facts.add(i.resolvedIn() != null ? "resolved in " + Times.duration(i.resolvedIn()) : "still open");
            // The review is not the security channel: a security incident is named by its id only.
            Line line = Line.of(Span.strong("#" + i.id()), " " + i.severity() + " ",
                    i.security() ? "security incident" : i.title(), ": " + String.join(", ", facts));
            if (!i.missed().isEmpty()) {
                line = line.plus("; missed: " + String.join(", ", i.missed().stream()
                        .map(m -> m.milestone() + " by " + Times.duration(m.by())).toList()));
            }
            return line;
        }).toList();
    }

    /** "qa-engineer: 4/5 · still blocked: waiting on the fuzzing corpus". */
    static List<Line> participation(Participation participation) {
        return participation.agents().stream().map(a -> {
            Line line = Line.of(Span.strong(a.agent()), ": " + a.posted() + "/" + participation.held());
            return a.stillBlocked() == null ? line : line.plus(" · still blocked: ", a.stillBlocked());
        }).toList();
    }
}
