package dev.phasebot.oncall;

import java.time.Instant;

/**
 * Who holds a role at a moment. A role without a rotation is held by the plan's fixed person
 * for good: then {@code since}, {@code until} and {@code next} are null.
 *
 * @param person     the rotation's (or the plan's fixed) person
 * @param since      the hand-off that started this shift
 * @param until      the next hand-off, when {@code next} takes over
 * @param cover      an override running now, whose agent takes the pages instead; or null
 * @param afterCover who holds the role when {@code cover} ends; null without one
 */
public record Shift(
        String role, String person, Instant since, Instant until, String next, Cover cover, String afterCover) {

    public Shift(String role, String person, Instant since, Instant until, String next) {
        this(role, person, since, until, next, null, null);
    }

    static Shift fixed(String role, String person) {
        return new Shift(role, person, null, null, null);
    }

    /** The same shift with {@code cover} taking its pages, {@code after} holding the role when it ends. */
    Shift coveredBy(Cover cover, String after) {
        return new Shift(role, person, since, until, next, cover, after);
    }

    public boolean rotates() {
        return until != null;
    }

    /** Who is paged: the override's agent while one runs, else {@link #person()}. */
    public String paged() {
        return cover == null ? person : cover.agent();
    }
}
