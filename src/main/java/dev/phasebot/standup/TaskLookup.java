package dev.phasebot.standup;

import java.util.Optional;

/** How the summary names a task a blocker mentions ("T3"): its title and state, from the plan. */
@FunctionalInterface
public interface TaskLookup {

    Optional<String> describe(String taskId);

    static TaskLookup none() {
        return id -> Optional.empty();
    }
}
