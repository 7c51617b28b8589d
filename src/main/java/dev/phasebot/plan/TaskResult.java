package dev.phasebot.plan;

import java.time.Instant;
import java.util.List;

/**
 * What a change to a task did. {@code already} (or its like) means it was so before: nothing
 * was changed, audited or posted, and the fields say since when and by whom where known.
 */
public sealed interface TaskResult {

    String taskId();

    record TaskAdded(String taskId, String title, String priority, String owner, String due) implements TaskResult {}

    record TaskStarted(String taskId, boolean already, Instant since, String by) implements TaskResult {}

    /** {@code overridden}: deliverables left unchecked by the lead's override; {@code unblocked}: tasks it freed. */
    record TaskDone(String taskId, String title, boolean already, Instant at, String by, int overridden, long unblocked)
            implements TaskResult {}

    record TaskReopened(String taskId, String title, boolean wasDone, String by, List<String> blockedAgain)
            implements TaskResult {}

    /** {@code item} as it was before; {@code checkedCount} after. */
    record DeliverableChecked(
            String taskId, ChecklistItem item, boolean checked, boolean already, long checkedCount, int total)
            implements TaskResult {}

    record DependencyAdded(String taskId, String dependsOn, boolean already) implements TaskResult {}

    /** {@code freed}: it was blocked and is no longer; {@code stillBlockedBy}: what blocks it yet. */
    record DependencyRemoved(
            String taskId,
            String dependsOn,
            boolean wasThere,
            boolean freed,
            boolean inProgress,
            List<String> stillBlockedBy)
            implements TaskResult {}

    record TaskEdited(String taskId, String field, String from, String to, boolean already) implements TaskResult {}
}
