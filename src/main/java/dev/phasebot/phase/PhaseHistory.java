package dev.phasebot.phase;

import dev.phasebot.message.Refusal;
import dev.phasebot.message.Span;
import dev.phasebot.phase.Phases.Phase;
import dev.phasebot.phase.Phases.Window;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The phases as the history commands read them ({@code /standup history}, {@code /incident list},
 * {@code /decision list}, {@code /metric list}, each with {@code phase <name or number>}): the span
 * of history the phase asked for owns, and which phase a record belongs to, so that a list reaching
 * across phases can say so. An install that has run one phase has nothing to label.
 */
public final class PhaseHistory {

    private final Phases phases;

    public PhaseHistory(Phases phases) {
        this.phases = phases;
    }

    /** The phases as they stand now, to label records with. */
    public Labels labels() {
        return new Labels(phases.all());
    }

    /**
     * The span of history of the phase {@code words} names (its full name, any case, or its
     * number); a one-line refusal naming the phases when none is.
     */
    public Window window(String words) {
        List<Phase> all = phases.all();
        Phase phase = Phases.find(all, words).orElseThrow(() -> unknown(all, words));
        return Phases.window(all, phase);
    }

    /** The answer to a phase name that names none: one line with the phases there are. */
    static Refusal unknown(List<Phase> all, String words) {
        String named = all.stream().map(p -> p.position() + ". " + p.name()).collect(Collectors.joining("; "));
        return Refusal.of(
                "phase",
                "No phase is called \"" + words.strip() + "\". This install has run: " + named + " (",
                Span.code("/phase list"),
                " shows them). Give its full name or its number.");
    }

    /** The phases an install has run, in order, to say which phase a moment of history belongs to. */
    public record Labels(List<Phase> phases) {

        public Labels {
            phases = List.copyOf(phases);
        }

        /** No labels: one phase, or none recorded. */
        public static Labels none() {
            return new Labels(List.of());
        }

        /** More than one phase run: records need their phase said. */
        public boolean several() {
            return phases.size() > 1;
        }

        /** The name of the phase {@code at} belongs to; null when there is only one phase to name. */
        public String of(Instant at) {
            return several() ? Phases.at(phases, at).name() : null;
        }

        /** The name of the phase {@code at} belongs to when that is an earlier one than the current; else null. */
        public String earlier(Instant at) {
            if (!several()) {
                return null;
            }
            Phase owner = Phases.at(phases, at);
            return owner.position() < phases.get(phases.size() - 1).position() ? owner.name() : null;
        }
    }
}
