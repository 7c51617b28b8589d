package dev.phasebot.plan;

import java.time.Instant;
import java.util.List;

/**
 * A task of the plan as stored, with its deliverables and dependencies ("T3" or "gate:1"),
 * and who started and finished it when (null when not known: tasks started before that was
 * recorded, or not started or finished at all).
 */
public record Task(
        String id,
        String title,
        String priority,
        String risk,
        String owner,
        String due,
        Instant dueAt,
        String status,
        String source,
        List<ChecklistItem> deliverables,
        List<String> dependsOn,
        Instant startedAt,
        String startedBy,
        Instant doneAt,
        String doneBy) {

    public boolean isDone() {
        return "done".equals(status);
    }

    public boolean isInProgress() {
        return "in_progress".equals(status);
    }

    public long checkedCount() {
        return deliverables.stream().filter(ChecklistItem::isChecked).count();
    }
}
