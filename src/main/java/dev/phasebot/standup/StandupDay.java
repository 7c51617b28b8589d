package dev.phasebot.standup;

import java.time.Instant;
import java.time.LocalDate;

/** One day's standup as run: when it opened (and by whom), reminded and closed. */
public record StandupDay(LocalDate day, Instant openedAt, String openedBy, Instant remindedAt, Instant closedAt) {

    public boolean isClosed() {
        return closedAt != null;
    }
}
