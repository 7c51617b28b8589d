package dev.phasebot.oncall;

import java.time.Instant;

/**
 * Who holds a role at a moment. A role without a rotation is held by the plan's fixed person
 * for good: then {@code since}, {@code until} and {@code next} are null.
 *
 * @param since the hand-off that started this shift
 * @param until the next hand-off, when {@code next} takes over
 */
public record Shift(String role, String person, Instant since, Instant until, String next) {

    static Shift fixed(String role, String person) {
        return new Shift(role, person, null, null, null);
    }

    public boolean rotates() {
        return until != null;
    }
}
