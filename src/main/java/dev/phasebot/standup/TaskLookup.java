package dev.phasebot.standup;

import dev.phasebot.plan.PlanService.TaskBrief;
import java.util.Optional;

/** Where the summary learns the title and state of a task a blocker mentions ("T3"): the plan. */
@FunctionalInterface
public interface TaskLookup {

    Optional<TaskBrief> describe(String taskId);

    static TaskLookup none() {
        return id -> Optional.empty();
    }
}
