package dev.phasebot.standup;

import java.util.Locale;
import java.util.Optional;

/**
 * The four sections of an update, in the plan's order, under the names people type
 * ({@code today} is the commitments).
 */
public enum Section {
    SECURITY("security", "security"),
    BLOCKERS("blockers", "blockers"),
    TODAY("today", "commitments"),
    COORDINATION("coordination", "coordination");

    private final String label;
    private final String field;

    Section(String label, String field) {
        this.label = label;
        this.field = field;
    }

    public String label() {
        return label;
    }

    /**
     * The field a refusal about this section names: also the block id of the section in the
     * standup form, so the form shows the refusal next to it.
     */
    public String field() {
        return field;
    }

    public String of(StandupUpdate update) {
        return switch (this) {
            case SECURITY -> update.security();
            case BLOCKERS -> update.blockers();
            case TODAY -> update.commitments();
            case COORDINATION -> update.coordination();
        };
    }

    /** The update with this section replaced by {@code text}; the other three untouched. */
    public StandupUpdate in(StandupUpdate update, String text) {
        return switch (this) {
            case SECURITY -> new StandupUpdate(text, update.blockers(), update.commitments(), update.coordination());
            case BLOCKERS -> new StandupUpdate(update.security(), text, update.commitments(), update.coordination());
            case TODAY -> new StandupUpdate(update.security(), update.blockers(), text, update.coordination());
            case COORDINATION -> new StandupUpdate(update.security(), update.blockers(), update.commitments(), text);
        };
    }

    /** A section by its name or any label the parser accepts ("deps", "commitments", "Needs"). */
    public static Optional<Section> named(String name) {
        return Optional.ofNullable(UpdateParser.LABELS.get(name.strip().toLowerCase(Locale.ROOT)));
    }
}
