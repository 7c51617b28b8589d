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
    private final HandoffReportDocs reports;

    PhaseDocs(ZoneId zone, HandoffReportDocs reports) {
        this.zone = zone;
        this.reports = reports;
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

    String state(Phase p) {
        if (!p.ended()) {
            return "current";
        }
        String when = Times.dayAndClock(p.endedAt(), zone, p.endedAt());
        return p.superseded()
                ? "superseded " + when + " (not closed with /phase close)"
                : "closed " + when + " by " + p.endedBy() + (p.reason() == null ? "" : ": " + p.reason());
    }

    /** Posted to the coordination channel, and answered to the lead, when a phase is closed. */
    Doc closed(PhaseLifecycle.Closed closed) {
        return closed(closed.phase(), closed.phase().endedBy(), closed.phase().reason(), closed.report());
    }

    Doc closed(Phase phase, String by, String reason, HandoffReport report) {
        return Doc.builder()
                .heading(Symbol.CELEBRATE, " " + phase.name() + " closed by " + by)
                .line(reason == null ? "All quality gates passed." : "Closed with gates open: " + reason)
                .addAll(reports.doc(report))
                .context("The full report is the Markdown file with this message; /phase report " + phase.position()
                        + " shows it again. The next phase begins when bot-config.yml names it (phase.name) and "
                        + "phasebot restarts.")
                .build();
    }

    /** The line {@code /phase} adds once the current phase has ended. */
    Line ended(Phase p) {
        return Line.of(
                Symbol.DONE,
                " " + p.name() + " " + state(p) + ". Its report: /phase report " + p.position()
                        + ". The next phase begins when bot-config.yml names it (phase.name) and phasebot restarts.");
    }

    /** Told to the coordination channel when a config naming the next phase starts. */
    Doc began(Entered e) {
        Phase previous = e.previous().orElseThrow();
        Doc.Builder doc = Doc.builder()
                .heading(Symbol.ANNOUNCE, " " + e.phase().name() + " began")
                .line("First day " + Times.longDay(e.phase().firstDay()) + ". Its plan (bot-config.yml) starts fresh; "
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
