package dev.phasebot.incident;

import java.util.List;

/**
 * An incident's severity after {@code severity}: what it was, what it is, and what that did to
 * the escalation clock ({@code deadlines} are those armed when it started).
 */
public record SeverityChange(long id, String was, String level, Clock clock, List<Deadline> deadlines) {

    public SeverityChange {
        deadlines = List.copyOf(deadlines);
    }

    /** What happened to the clock. */
    public enum Clock {
        /** The same level again: nothing changed. */
        UNCHANGED,
        STOPPED,
        NONE_RUNNING,
        BELOW_CRITICAL,
        STARTED,
        /** Raised to CRITICAL with every deadline met before: nothing to arm. */
        ALL_MET
    }

    public boolean changed() {
        return clock != Clock.UNCHANGED;
    }
}
