package dev.phasebot.standup;

import java.time.LocalDate;
import java.util.List;

/**
 * What posting, amending or clearing an update did: recorded it, withdrew it, or changed
 * nothing. {@code amended} says the day had closed, so the summary was amended.
 */
public sealed interface UpdateResult {

    LocalDate day();

    /** Recorded: the whole update as it now stands, which sections changed, and whether after the close. */
    record UpdateRecorded(
            LocalDate day,
            StandupUpdate update,
            List<Section> updated,
            List<Section> cleared,
            boolean late,
            boolean amended)
            implements UpdateResult {
        public UpdateRecorded {
            updated = List.copyOf(updated);
            cleared = List.copyOf(cleared);
        }
    }

    /** Nothing written: the update already said that, or the section to clear was already empty. */
    record NothingChanged(LocalDate day, Section alreadyEmpty) implements UpdateResult {}

    /** The last non-empty section was cleared, so there is no update for the day any more. */
    record UpdateWithdrawn(LocalDate day, Section cleared, boolean amended) implements UpdateResult {}
}
