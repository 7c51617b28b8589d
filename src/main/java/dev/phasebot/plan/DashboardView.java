package dev.phasebot.plan;

import java.util.List;

/** What the dashboard shows, as values: see {@link Dashboard}. */
public record DashboardView(
        String phase,
        List<dev.phasebot.incident.OpenIncident> openIncidents,
        List<GateProgress> gates,
        List<PriorityGroup> priorities,
        List<String> overdue,
        List<String> blocked) {

    /** The tasks of one priority, in the plan's order. */
    public record PriorityGroup(String priority, List<TaskRow> tasks) {}
}
