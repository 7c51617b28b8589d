package dev.phasebot.standup;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Where today's standup stands: its state and the moment that goes with it (closed at, open
 * until, opens or was due at), who posted when, who has not, who is out. Quotes no update.
 */
public record StandupStatus(
        LocalDate day, State state, Instant at, List<Posted> posted, List<String> missing, List<String> out) {

    public StandupStatus {
        posted = List.copyOf(posted);
        missing = List.copyOf(missing);
        out = List.copyOf(out);
    }

    /**
     * {@code OPENS}: later today; {@code NOT_OPENED}: it was due earlier today and nobody opened it
     * (the bot was down through its window); {@code NONE}: no standup today.
     */
    public enum State {
        CLOSED,
        OPEN,
        OPENS,
        NOT_OPENED,
        NONE
    }

    /** Who posted, when, and whether after the close. */
    public record Posted(String agent, Instant at, boolean late) {}
}
