package dev.phasebot.standup;

import java.util.List;

/**
 * Updates of the last {@code days} days, newest first, as one reader may see them: an entry's
 * {@code withheld} text (what a public place says of it) replaces the update when the reader
 * may not read it.
 */
public record StandupHistory(String agentOrNull, int days, List<Entry> entries) {

    public StandupHistory {
        entries = List.copyOf(entries);
    }

    /** One update; {@code withheld} is null when the reader may see it in full. */
    public record Entry(PostedUpdate posted, String withheld) {}
}
