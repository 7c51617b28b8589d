package dev.phasebot.standup;

import java.util.Locale;
import java.util.Optional;

/**
 * The four sections of an update, in the plan's order, under the names people type
 * ({@code today} is the commitments).
 */
public enum Section {
    SECURITY("security"),
    BLOCKERS("blockers"),
    TODAY("today"),
    COORDINATION("coordination");

    private final String label;

    Section(String label) {
        this.label = label;
    }

    public String label() {
        return label;
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
