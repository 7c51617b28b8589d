package dev.phasebot.plan;

import java.time.Instant;
import java.util.List;

/**
 * What a change to the plan did, to a task or to a gate. {@code already} (or its like) means
 * it was so before: nothing was changed, audited or posted, and the fields say since when and
 * by whom where known. {@link AnswerDocs#answer} words every kind.
 */
public sealed interface PlanResult {

    // --- tasks ---

    record TaskAdded(String taskId, String title, String priority, String owner, String due) implements PlanResult {}

    record TaskStarted(String taskId, boolean already, Instant since, String by) implements PlanResult {}

    /** {@code overridden}: deliverables left unchecked by the lead's override; {@code unblocked}: tasks it freed. */
    record TaskDone(String taskId, String title, boolean already, Instant at, String by, int overridden, long unblocked)
            implements PlanResult {}

    record TaskReopened(String taskId, String title, boolean wasDone, String by, List<String> blockedAgain)
            implements PlanResult {}

    /** {@code item} as it was before; {@code checkedCount} after. */
    record DeliverableChecked(
            String taskId, ChecklistItem item, boolean checked, boolean already, long checkedCount, int total)
            implements PlanResult {}

    record DependencyAdded(String taskId, String dependsOn, boolean already) implements PlanResult {}

    /** {@code freed}: it was blocked and is no longer; {@code stillBlockedBy}: what blocks it yet. */
    record DependencyRemoved(
            String taskId,
            String dependsOn,
            boolean wasThere,
            boolean freed,
            boolean inProgress,
            List<String> stillBlockedBy)
            implements PlanResult {}

    record TaskEdited(String taskId, String field, String from, String to, boolean already) implements PlanResult {}

    // --- gates ---

    /** {@code gate} after the change; {@code item} as it was before. */
    record CriterionChecked(GateProgress gate, ChecklistItem item, boolean met, boolean already, String by)
            implements PlanResult {}

    /** {@code unblocked}: tasks the pass freed. */
    record GatePassed(GateProgress gate, boolean already, String impact, long unblocked) implements PlanResult {}

    record GateReopened(GateProgress gate, String by) implements PlanResult {}
}
