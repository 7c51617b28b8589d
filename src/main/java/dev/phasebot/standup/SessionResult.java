package dev.phasebot.standup;

import java.time.Instant;
import java.time.LocalDate;

/** What opening or closing today's standup by hand did. */
public sealed interface SessionResult {

    /** Opened now; open until {@code closesAt}. */
    record StandupOpened(LocalDate day, Instant closesAt) implements SessionResult {}

    /** Closed now; the summary goes to {@code channelName}. */
    record StandupClosed(LocalDate day, String channelName) implements SessionResult {}
}
