package dev.phasebot.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a change to an incident did, one kind per change; {@link IncidentDocs#answer} words each
 * kind for the one who made it. Refusals are not results: they are thrown as
 * {@link dev.phasebot.message.Refusal}s.
 */
public sealed interface IncidentResult {

    long id();

    /**
     * An incident just raised: its id, where its card went ({@code channel} is the channel's
     * name), the deadlines its clock set (none below CRITICAL) and who was paged by DM.
     */
    record Raised(
            long id, String severity, boolean security, String channel, List<Deadline> deadlines, List<String> paged)
            implements IncidentResult {

        public Raised {
            deadlines = List.copyOf(deadlines);
            paged = List.copyOf(paged);
        }
    }

    /** What an act on an incident did: recorded, updated a milestone met before, or nothing (done already). */
    sealed interface ActOutcome extends IncidentResult {

        /**
         * The act is on the timeline. {@code milestone} is the deadline it met (null when it met
         * none), {@code late} how long after that deadline (null when within it).
         */
        record Recorded(long id, Act act, String milestone, Duration late) implements ActOutcome {}

        /** The milestone was met before; its text is replaced, its first recording stands. */
        record Updated(long id, String milestone, String firstBy, Instant firstAt) implements ActOutcome {}

        /**
         * Nothing was posted: it was done already. {@code milestone} is null for an
         * acknowledgement, else the milestone recorded with the same text.
         */
        record AlreadyDone(long id, String milestone, String by, Instant at) implements ActOutcome {}
    }

    /** An incident's assignee after {@code assign}; {@code changed} is false when it was already theirs. */
    record Assignment(long id, String assignee, boolean changed) implements IncidentResult {}

    /** An incident resolved; its post-incident summary goes to {@code channel} (its name). */
    record Resolution(long id, String channel) implements IncidentResult {}

    /** An incident cancelled as raised in error, and why. */
    record Cancellation(long id, String reason) implements IncidentResult {}

    /**
     * An incident's severity after {@code severity}: what it was, what it is, and what that did to
     * the escalation clock ({@code deadlines} are those armed when it started).
     */
    record SeverityChange(long id, String was, String level, Clock clock, List<Deadline> deadlines)
            implements IncidentResult {

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

    /** A milestone and when it falls: what a result lists after the clock starts. */
    record Deadline(String name, Instant due) {}
}
