package dev.phasebot.review;

import dev.phasebot.incident.IncidentWeek;
import dev.phasebot.plan.GateProgress;
import dev.phasebot.plan.TaskRow;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What the review needs from the other features, given by whoever wires phasebot, so the
 * review depends on no other feature's service: the gates' progress, overdue tasks, the
 * week's incidents, standup participation (one agenda line each), the success metrics not
 * yet met and the open risks, and a way to turn an action item into a task.
 */
public record ReviewInputs(
        Gates gates,
        Overdue overdue,
        Incidents incidents,
        Participation participation,
        UnmetMetrics unmetMetrics,
        OpenRisks openRisks,
        ActionItems actionItems) {

    /** A group of success metrics with the items not met yet. */
    public record MetricGroup(String group, String owner, List<String> unmet) {}

    /** An open risk of the plan. */
    public record OpenRisk(String id, String risk, String owner, String mitigation) {}

    /** The success metrics not met yet, by group in the plan's order (groups all met left out). */
    @FunctionalInterface
    public interface UnmetMetrics {
        List<MetricGroup> groups();
    }

    /** The plan's risks not closed, in the plan's order. */
    @FunctionalInterface
    public interface OpenRisks {
        List<OpenRisk> risks();
    }

    /** Each quality gate's criteria progress. */
    @FunctionalInterface
    public interface Gates {
        List<GateProgress> progress();
    }

    /** Tasks overdue now. */
    @FunctionalInterface
    public interface Overdue {
        List<TaskRow> tasks();
    }

    /** Incidents raised in {@code [from, to)}, open ones judged against {@code now}. */
    @FunctionalInterface
    public interface Incidents {
        IncidentWeek week(Instant from, Instant to, Instant now);
    }

    /** Standup participation between two days (inclusive). */
    @FunctionalInterface
    public interface Participation {
        dev.phasebot.standup.StandupReports.Participation between(LocalDate first, LocalDate last);
    }

    /** Turns an action item of the review held on {@code reviewDay} into a task; returns its id. */
    @FunctionalInterface
    public interface ActionItems {
        String add(String title, String owner, String reviewDay);
    }
}
