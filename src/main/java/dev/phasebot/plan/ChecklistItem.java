package dev.phasebot.plan;

import java.time.Instant;

/**
 * One item of a checklist: a deliverable of a task or a criterion of a gate. Both are ticked
 * by someone at some time (null when not ticked) and synced from the config the same way.
 */
public record ChecklistItem(int index, String text, Instant checkedAt, String checkedBy) {

    public boolean isChecked() {
        return checkedAt != null;
    }
}
