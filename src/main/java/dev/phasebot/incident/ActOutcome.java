package dev.phasebot.incident;

import java.time.Duration;
import java.time.Instant;

/** What an act on an incident did: recorded, updated a milestone met before, or nothing (done already). */
public sealed interface ActOutcome {

    long id();

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
