package dev.phasebot.review;

import dev.phasebot.message.Doc;
import java.time.LocalDate;
import java.util.List;

/**
 * What a review leaves behind, posted when it closes: the agenda as it was posted, the notes,
 * and the action items with the tasks they became.
 */
public record ReviewRecord(LocalDate held, Doc agenda, List<Note> notes, List<ActionItem> actions) {

    public ReviewRecord {
        notes = List.copyOf(notes);
        actions = List.copyOf(actions);
    }

    /** A note as taken: who said what. */
    public record Note(String agent, String text) {}

    /** An action item and the task it became. */
    public record ActionItem(String taskId, String owner, String text) {}
}
