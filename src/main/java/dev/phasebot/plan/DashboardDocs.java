package dev.phasebot.plan;

import dev.phasebot.message.Block;
import dev.phasebot.message.Doc;
import dev.phasebot.message.Line;
import dev.phasebot.message.Span;
import dev.phasebot.message.Symbol;
import dev.phasebot.message.Times;
import java.util.List;

/** How the dashboard reads: the phase as a heading, gates and each priority as lists, overdue and blocked as fields. */
public final class DashboardDocs {

    public Doc doc(Dashboard.View view) {
        Doc.Builder doc = Doc.builder().heading(view.phase()).line(started(view.start()));
        if (!view.openIncidents().isEmpty()) {
            // Any member may see the dashboard: a security incident is named by its id only.
            doc.line(Line.of(Symbol.ALERT, " ", Span.strong("Open CRITICAL incidents:"), " ")
                    .plus(Line.join(
                                    view.openIncidents().stream()
                                            .map(i -> i.security()
                                                    ? Line.of("#" + i.id()
                                                            + " (security incident; details in the security channel)")
                                                    : Line.of("#" + i.id() + " ", i.title()))
                                            .toList(),
                                    ", ")
                            .spans()
                            .toArray()));
        }
        doc.bullets(
                Line.of("Quality gates"),
                view.gates().stream()
                        .map(g -> Line.of(
                                g.isPassed() ? Symbol.CHECKED_ITEM : Symbol.OPEN_ITEM,
                                " " + g.label() + ": " + g.met() + "/" + g.total() + " criteria · " + g.owner()
                                        + (g.isPassed() ? " · passed" : " · due " + g.due())))
                        .toList());
        for (Dashboard.PriorityGroup group : view.priorities()) {
            doc.bullets(
                    Line.of(group.priority()),
                    group.tasks().stream()
                            .map(t -> Line.of(
                                    Span.strong(t.id()),
                                    " "
                                            + t.title() + " · " + t.owner() + " · " + t.status() + " · " + t.checked()
                                            + "/" + t.deliverables()
                                            + " deliverables"))
                            .toList());
        }
        Dashboard.Outlook outlook = view.outlook();
        if (outlook.metrics() > 0) {
            doc.line(Line.of("Success metrics: " + outlook.metricsMet() + "/" + outlook.metrics() + " met"));
        }
        if (!outlook.openRisks().isEmpty()) {
            doc.line(Line.of(
                    Symbol.RISK,
                    " Open risks: " + outlook.openRisks().size() + " (" + String.join(", ", outlook.openRisks())
                            + ")"));
        }
        if (outlook.handoff() > 0) {
            doc.line(Line.of("Handoff: " + outlook.handoffDone() + "/" + outlook.handoff() + " done"));
        }
        return doc.fields(List.of(
                        new Block.Field("Overdue", ids(view.overdue())),
                        new Block.Field("Blocked", ids(view.blocked()))))
                .build();
    }

    /** Which first day the plan's due dates count from, and why: the config's, or the first run's. */
    private static Line started(PhaseStart start) {
        String day = Times.shortDay(start.day()) + " " + start.day().getYear();
        return Line.of(
                start.configured()
                        ? "Started " + day + " (phase.start)"
                        : "Started " + day + ", the day phasebot first ran it (phase.start is not set)");
    }

    private static Line ids(List<String> ids) {
        return Line.of(ids.isEmpty() ? "nothing" : String.join(", ", ids));
    }
}
