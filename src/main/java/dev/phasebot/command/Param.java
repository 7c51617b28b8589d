package dev.phasebot.command;

import java.util.AbstractList;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.function.Supplier;

/**
 * One argument a subcommand takes: its name (as usage shows it), its kind (which shared
 * parser reads it) and whether it may be left out. A {@link Kind#LITERAL} is a fixed word
 * such as {@code on} in {@code /task depends T5 on T3}; a {@link Kind#CHOICE} is one of a few.
 */
public record Param(String name, Kind kind, boolean optional, List<String> choices) {

    /** What the shared parsers know how to read. */
    public enum Kind {
        /** An incident id: {@code 3} or {@code #3}. */
        INCIDENT,
        /** A task of the plan: {@code T3}, {@code t3}, {@code #T3}. */
        TASK,
        /** A quality gate: {@code 2}, {@code gate:2}, {@code gate 2}, {@code #2}. */
        GATE,
        /** A task or a gate: {@code T3}, {@code gate:2}, {@code gate 2}. */
        PLAN_REF,
        /** An agent of the phase by id, or a linked Slack user: {@code <@U0123|dana>}, {@code <@U0123>}. */
        AGENT,
        /** A Slack user, linked or not: {@code <@U0123|dana>} or {@code U0123}. */
        SLACK_USER,
        /** {@code 2026-12-24}, {@code today} or {@code tomorrow}, in the phase's zone. */
        DATE,
        /** A whole number, such as a criterion or deliverable number or a count of days. */
        INTEGER,
        /** A decimal number: a metric value. */
        NUMBER,
        /** One word, any. */
        WORD,
        /** One of {@link #choices()}, case-insensitive. */
        CHOICE,
        /** The fixed word {@link #name()}. */
        LITERAL,
        /** Everything that is left, as typed (mentions read as agents). */
        TEXT
    }

    public Param {
        choices = choices instanceof CurrentChoices ? choices : List.copyOf(choices);
    }

    public static Param incident(String name) {
        return new Param(name, Kind.INCIDENT, false, List.of());
    }

    public static Param task(String name) {
        return new Param(name, Kind.TASK, false, List.of());
    }

    public static Param gate(String name) {
        return new Param(name, Kind.GATE, false, List.of());
    }

    public static Param planRef(String name) {
        return new Param(name, Kind.PLAN_REF, false, List.of());
    }

    public static Param agent(String name) {
        return new Param(name, Kind.AGENT, false, List.of());
    }

    public static Param slackUser(String name) {
        return new Param(name, Kind.SLACK_USER, false, List.of());
    }

    public static Param date(String name) {
        return new Param(name, Kind.DATE, false, List.of());
    }

    public static Param integer(String name) {
        return new Param(name, Kind.INTEGER, false, List.of());
    }

    public static Param number(String name) {
        return new Param(name, Kind.NUMBER, false, List.of());
    }

    public static Param word(String name) {
        return new Param(name, Kind.WORD, false, List.of());
    }

    public static Param choice(String name, String... choices) {
        return new Param(name, Kind.CHOICE, false, List.of(choices));
    }

    /**
     * One of the names {@code names} gives when the command is read, not when the table is built:
     * the plan's groups or risks, which {@code /phase reload} may change. With none, any word is
     * taken, and the command says why it has none.
     */
    public static Param choiceOf(String name, Supplier<List<String>> names) {
        return new Param(name, Kind.CHOICE, false, new CurrentChoices(names));
    }

    /** A view of the names as they are now; each iteration reads them once. */
    private static final class CurrentChoices extends AbstractList<String> {
        private final Supplier<List<String>> names;

        CurrentChoices(Supplier<List<String>> names) {
            this.names = names;
        }

        @Override
        public String get(int index) {
            return names.get().get(index);
        }

        @Override
        public int size() {
            return names.get().size();
        }

        @Override
        public Iterator<String> iterator() {
            return List.copyOf(names.get()).iterator();
        }

        @Override
        public Spliterator<String> spliterator() {
            return List.copyOf(names.get()).spliterator();
        }
    }

    public static Param literal(String word) {
        return new Param(word, Kind.LITERAL, false, List.of());
    }

    public static Param text(String name) {
        return new Param(name, Kind.TEXT, false, List.of());
    }

    /** The same parameter, which may be left out (shown in brackets). */
    public Param orLeftOut() {
        return new Param(name, kind, true, choices);
    }

    /** An optional fixed word or choice ({@code [security]}, {@code [force]}): a flag, which may be left out. */
    boolean isFlag() {
        return optional && (kind == Kind.LITERAL || kind == Kind.CHOICE);
    }

    /** True when {@code word} is this flag as typed: its fixed word or one of its choices, in any case. */
    boolean isFlagWord(String word) {
        return switch (kind) {
            case LITERAL -> name.equalsIgnoreCase(word);
            case CHOICE -> choices.stream().anyMatch(word::equalsIgnoreCase);
            default -> false;
        };
    }

    /** How usage shows it: {@code <id>}, {@code [reason]}, {@code on}, {@code check|uncheck}. */
    public String usage() {
        String shown = switch (kind) {
            case LITERAL -> name;
            case CHOICE -> choices.isEmpty() ? name : String.join("|", choices);
            default -> name;
        };
        if (kind == Kind.LITERAL) {
            return optional ? "[" + shown + "]" : shown;
        }
        if (kind == Kind.CHOICE && choices.size() <= 3 && !optional) {
            return shown;
        }
        return optional ? "[" + shown + "]" : "<" + shown + ">";
    }
}
