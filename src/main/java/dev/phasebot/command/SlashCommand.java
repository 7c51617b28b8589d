package dev.phasebot.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One slash command declared as a table: its name and aliases, one line on what it is for,
 * its subcommands, and optionally what it does with no text ({@code whenEmpty}) and with
 * text that starts with no subcommand ({@code freeText}, e.g. raising an incident).
 *
 * <p>A command with free text also names its {@code explicit} form ({@code raise} for
 * incidents), which the "did you mean" answer offers when a first word looks like a typo of
 * a subcommand, and {@code guarded} words that must never be mistaken for a title either
 * ({@code security}: a slip there would post a security incident in the public channel).
 *
 * <p>A command may also read a bare reference where a subcommand is expected ({@code /task T3},
 * {@code /gate 1}, {@code /incident 3}) as a read: its {@code reference} row, tried only when no
 * subcommand matches and only when the whole text is that reference, so a title still raises
 * and a misspelt subcommand still gets "did you mean".
 */
public record SlashCommand(
        String name,
        List<String> aliases,
        String summary,
        List<Subcommand> subcommands,
        Subcommand whenEmpty,
        Subcommand freeText,
        String explicitForm,
        List<String> guarded,
        Subcommand reference) {

    public SlashCommand {
        Objects.requireNonNull(name, "name");
        aliases = List.copyOf(aliases);
        subcommands = List.copyOf(subcommands);
        guarded = List.copyOf(guarded);
    }

    /** Every row in help's order: the empty form, the free text, then the subcommands. */
    public List<Subcommand> rows() {
        List<Subcommand> rows = new java.util.ArrayList<>();
        if (whenEmpty != null) {
            rows.add(whenEmpty);
        }
        if (freeText != null) {
            rows.add(freeText);
        }
        if (reference != null) {
            rows.add(reference);
        }
        rows.addAll(subcommands);
        return rows;
    }

    /** The words a slip of the first word could have meant: help, every subcommand, the guarded words. */
    public List<String> slipCandidates() {
        List<String> names = new java.util.ArrayList<>(List.of("help"));
        subcommands.forEach(s -> names.addAll(s.names()));
        names.addAll(guarded);
        return names.stream().distinct().toList();
    }

    /** The summary as a line, the commands it marks in backticks as code. */
    public dev.phasebot.message.Line summaryLine() {
        return dev.phasebot.message.Line.of(CommandHelp.marked(summary).toArray());
    }

    public static Builder named(String name) {
        return new Builder(name);
    }

    /** Every name Slack may send this command under. */
    public List<String> names() {
        List<String> all = new ArrayList<>(List.of(name));
        all.addAll(aliases);
        return all;
    }

    /** Builds a command table. */
    public static final class Builder {
        private final String name;
        private final List<String> aliases = new ArrayList<>();
        private final List<Subcommand> subcommands = new ArrayList<>();
        private final List<String> guarded = new ArrayList<>();
        private String summary = "";
        private Subcommand whenEmpty;
        private Subcommand freeText;
        private String explicitForm;
        private Subcommand reference;

        private Builder(String name) {
            this.name = name;
        }

        public Builder alias(String... more) {
            aliases.addAll(List.of(more));
            return this;
        }

        public Builder summary(String text) {
            this.summary = text;
            return this;
        }

        public Builder sub(Subcommand subcommand) {
            subcommands.add(subcommand);
            return this;
        }

        /** What the command does with no text at all (a form, a view). */
        public Builder whenEmpty(Subcommand subcommand) {
            this.whenEmpty = subcommand;
            return this;
        }

        /**
         * What the command does with text that starts with no subcommand; {@code explicitForm}
         * is the way to ask for it by name ({@code /incident raise <title>}).
         */
        public Builder freeText(Subcommand subcommand, String explicitForm, String... guardedWords) {
            this.freeText = subcommand;
            this.explicitForm = explicitForm;
            guarded.addAll(List.of(guardedWords));
            return this;
        }

        /**
         * What a bare reference alone does ({@code /task T3} as {@code /task show T3}): a row of no
         * words whose parameters are the reference. Make it a read, never an act: a slip of a
         * subcommand's words that happens to read as a reference must not change anything.
         */
        public Builder reference(Subcommand subcommand) {
            this.reference = subcommand;
            return this;
        }

        public SlashCommand build() {
            return new SlashCommand(
                    name, aliases, summary, subcommands, whenEmpty, freeText, explicitForm, guarded, reference);
        }
    }
}
