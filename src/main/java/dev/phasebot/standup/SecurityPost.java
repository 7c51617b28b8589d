package dev.phasebot.standup;

import java.time.LocalDate;
import java.util.List;

/**
 * The security team's updates in full, for the security channel, when
 * {@code standup.security_update} is private: each with the tasks its blockers name, described.
 */
public record SecurityPost(LocalDate day, String summaryChannel, List<Entry> entries) {

    public SecurityPost {
        entries = List.copyOf(entries);
    }

    public record Entry(PostedUpdate posted, List<String> blockerTasks) {}
}
