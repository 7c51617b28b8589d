package dev.phasebot.standup;

import java.time.LocalDate;

/** What {@code /standup ooo} and its cancel did. */
public sealed interface OutOfOfficeResult {

    /** Recorded, with its id; {@code self} when the agent marked themselves. */
    record OutOfOfficeSet(OutOfOffice period, boolean self) implements OutOfOfficeResult {}

    /**
     * Cancelled: removed when it had not started, otherwise ended on {@code endedOn}
     * (yesterday) so the days already past stay recorded.
     */
    record OutOfOfficeCancelled(OutOfOffice period, LocalDate endedOn) implements OutOfOfficeResult {}
}
