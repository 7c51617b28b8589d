package dev.phasebot.phase;

import dev.phasebot.message.Doc;
import dev.phasebot.message.Line;
import dev.phasebot.message.Span;
import dev.phasebot.message.Symbol;
import dev.phasebot.message.Times;
import dev.phasebot.phase.Phases.Entered;
import dev.phasebot.phase.Phases.Phase;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Collectors;

/** How the phases read: the list, a phase beginning, a phase closed. */
final class PhaseDocs {

    private final ZoneId zone;

    PhaseDocs(ZoneId zone) {
        this.zone = zone;
    }

    /** {@code /phase list}: each phase by its full name, when it ran and how it ended. */
    Doc list(List<Phase> phases) {
        Doc.Builder doc = Doc.builder().heading("Phases of this install: " + phases.size());
        doc.bullets(
                Line.of("In order"),
                phases.stream()
                        .map(p -> Line.of(
                                Span.strong(p.position() + ". " + p.name()),
                                " · first day " + Times.shortDay(p.firstDay()) + " · " + state(p)))
                        .toList());
        return doc.context("A phase's handoff report: /phase report <name or number>. History by phase: "
                        + "/standup history phase <name>, /incident list phase <name>, /decision list phase <name>, "
                        + "/metric list phase <name>.")
                .build();
    }

    private String state(Phase p) {
        if (!p.ended()) {
            return "current";
        }
        String when = Times.dayAndClock(p.endedAt(), zone, p.endedAt());
        return p.superseded()
                ? "superseded " + when + " (not closed with /phase close)"
                : "closed " + when + " by " + p.endedBy() + (p.reason() == null ? "" : ": " + p.reason());
    }

    /** Told to the coordination channel when a config naming the next phase starts. */
    Doc began(Entered e) {
        Phase previous = e.previous().orElseThrow();
        Doc.Builder doc = Doc.builder()
                .heading(Symbol.ANNOUNCE, " " + e.phase().name() + " began")
                .line("First day " + Times.longDay(e.phase().firstDay()) + ". Its plan is the config's; "
                        + previous.name() + "'s tasks, gates and checklists are kept with its report.")
                .line(
                        e.superseded()
                                ? previous.name() + " was superseded: nobody closed it with /phase close. "
                                        + "Its handoff report as of now: /phase report " + previous.position()
                                : previous.name() + "'s handoff report: /phase report " + previous.position());
        if (!e.carriedOver().isEmpty()) {
            doc.line(
                    Span.strong("Carried over:"),
                    " open incidents "
                            + e.carriedOver().stream().map(id -> "#" + id).collect(Collectors.joining(", "))
                            + " stay open with their deadlines (/incident list).");
        }
        return doc.build();
    }
}
