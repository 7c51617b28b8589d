package dev.phasebot.review;

/** {@code /review notes}: a note, or an action item for {@code actionOwner} (null for a plain note). */
public record NoteTaken(String actionOwner) {

    public boolean isAction() {
        return actionOwner != null;
    }
}
