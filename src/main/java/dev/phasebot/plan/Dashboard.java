package dev.phasebot.plan;

import dev.phasebot.config.BotConfig;
import dev.phasebot.config.PlanSpec;
import dev.phasebot.incident.IncidentQueries.OpenIncident;
import dev.phasebot.message.Doc;
import dev.phasebot.message.PlainText;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * {@code /phase} and the App Home: the whole phase on one screen: gates with progress, tasks
 * by priority with status and owner, what is overdue or blocked, and open CRITICAL incidents
 * (security ones by id only, since this view may be shown anywhere).
 */
public final class Dashboard {

    /** The open CRITICAL incidents, as any channel may see them. */
    @FunctionalInterface
    public interface OpenIncidents {
        List<OpenIncident> openCritical();
    }

    /** The rest of the plan, counted: success metrics, open risks, handoff requirements. */
    @FunctionalInterface
    public interface Outlooks {
        Outlook outlook();
    }

    /** Success metrics met of total, the open risks' ids, handoff requirements done of total. */
    public record Outlook(long metricsMet, int metrics, List<String> openRisks, long handoffDone, int handoff) {}

    /** What the dashboard shows, as values. */
    public record View(
            String phase,
            PhaseStart start,
            List<OpenIncident> openIncidents,
            List<GateProgress> gates,
            List<PriorityGroup> priorities,
            List<String> overdue,
            List<String> blocked,
            Outlook outlook) {}

    /** The tasks of one priority, in the plan's order. */
    public record PriorityGroup(String priority, List<TaskRow> tasks) {}

    private final BotConfig config;
    private final PlanService plan;
    private final OpenIncidents incidents;
    private final PhaseStart start;
    private final Outlooks outlooks;
    private final Clock clock;
    private final DashboardDocs docs = new DashboardDocs();

    public Dashboard(
            BotConfig config,
            PhaseStart start,
            PlanService plan,
            OpenIncidents incidents,
            Outlooks outlooks,
            Clock clock) {
        this.config = config;
        this.start = start;
        this.plan = plan;
        this.incidents = incidents;
        this.outlooks = outlooks;
        this.clock = clock;
    }

    public View view() {
        PlanSnapshot snapshot = plan.snapshot();
        Instant now = clock.instant();
        List<OpenIncident> open = incidents.openCritical();
        List<GateProgress> gates =
                snapshot.gates().stream().map(g -> GateProgress.of(snapshot, g)).toList();
        List<PriorityGroup> groups = PlanSpec.PRIORITIES.stream()
                .map(p -> new PriorityGroup(
                        p,
                        snapshot.tasks().stream()
                                .filter(t -> t.priority().equals(p))
                                .map(t -> TaskRow.of(snapshot, t, now))
                                .toList()))
                .filter(g -> !g.tasks().isEmpty())
                .toList();
        List<String> overdue = snapshot.tasks().stream()
                .filter(t -> snapshot.isOverdue(t, now))
                .map(Task::id)
                .toList();
        List<String> blocked = snapshot.tasks().stream()
                .filter(snapshot::isBlocked)
                .map(Task::id)
                .toList();
        return new View(config.phase().name(), start, open, gates, groups, overdue, blocked, outlooks.outlook());
    }

    public Doc doc() {
        return docs.doc(view());
    }

    /** The dashboard as plain text, for logs and checks that read it. */
    public String render() {
        return PlainText.withUserIds().render(doc());
    }
}
