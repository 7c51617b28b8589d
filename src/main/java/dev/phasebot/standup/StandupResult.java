package dev.phasebot.standup;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What a change to the standup did, one kind per outcome: opening or closing the day by hand,
 * posting, amending or clearing an update, marking or cancelling days away. {@link StandupDocs}
 * words every kind for the one who asked.
 */
public sealed interface StandupResult {

    /** Opened now; open until {@code closesAt}. */
    record StandupOpened(LocalDate day, Instant closesAt) implements StandupResult {}

    /** Closed now; the summary goes to {@code channelName}. */
    record StandupClosed(LocalDate day, String channelName) implements StandupResult {}

    /**
     * An update recorded: the whole update as it now stands, which sections changed, and whether
     * after the close. {@code amended} says the day had closed, so the summary was amended.
     */
    record UpdateRecorded(
            LocalDate day,
            StandupUpdate update,
            List<Section> updated,
            List<Section> cleared,
            boolean late,
            boolean amended)
            implements StandupResult {
        public UpdateRecorded {
            updated = List.copyOf(updated);
            cleared = List.copyOf(cleared);
        }
    }

    /** Nothing written: the update already said that, or the section to clear was already empty. */
    record NothingChanged(LocalDate day, Section alreadyEmpty) implements StandupResult {}

    /**
     * The last non-empty section was cleared, so there is no update for the day any more;
     * {@code amended} as for a recorded update.
     */
    record UpdateWithdrawn(LocalDate day, Section cleared, boolean amended) implements StandupResult {}

    /** Days away recorded, with their id; {@code self} when the agent marked themselves. */
    record OutOfOfficeSet(OutOfOffice period, boolean self) implements StandupResult {}

    /**
     * Days away cancelled: removed when they had not started, otherwise ended on {@code endedOn}
     * (yesterday) so the days already past stay recorded.
     */
    record OutOfOfficeCancelled(OutOfOffice period, LocalDate endedOn) implements StandupResult {}
}
