package dev.phasebot.plan;

import java.time.Instant;

/**
 * One task as a list shows it: the overdue check, {@code /task list}, the dashboard and the
 * review's agenda. {@code dueAt} is null when the due window is not one the plan can read.
 */
public record TaskRow(
        String id,
        String title,
        String priority,
        String owner,
        String status,
        String due,
        Instant dueAt,
        boolean overdue,
        long checked,
        int deliverables) {

    static TaskRow of(PlanSnapshot plan, Task t, Instant now) {
        return new TaskRow(
                t.id(),
                t.title(),
                t.priority(),
                t.owner(),
                plan.status(t),
                t.due(),
                t.dueAt(),
                plan.isOverdue(t, now),
                t.checkedCount(),
                t.deliverables().size());
    }
}
