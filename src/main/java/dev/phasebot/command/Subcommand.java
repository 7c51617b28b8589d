package dev.phasebot.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One row of a command's table: its words ({@code list}, or {@code ooo cancel}), aliases, the
 * parameters it takes, who may run it, what it does in one line, an example, and the handler.
 * Help, usage errors, "did you mean" and the README's tables are all read from these rows.
 *
 * @param words   the subcommand's own words; empty for what a command does with no words
 *                (the form) or with free text (see {@link SlashCommand})
 * @param aliases other first words that mean the same ({@code note} for {@code notes})
 */
public record Subcommand(
        List<String> words,
        List<String> aliases,
        List<Param> params,
        Access access,
        String does,
        String example,
        Handler handler) {

    public Subcommand {
        words = List.copyOf(words);
        aliases = List.copyOf(aliases);
        params = List.copyOf(params);
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(does, "does");
        Objects.requireNonNull(handler, "handler");
        example = example == null ? "" : example;
    }

    /** Starts a row for {@code words}, e.g. {@code of("ooo", "cancel")}. */
    public static Builder of(String... words) {
        return new Builder(List.of(words));
    }

    /** The first word and the aliases: what a typo is compared against. */
    List<String> names() {
        if (words.isEmpty()) {
            return List.of();
        }
        return Stream.concat(Stream.of(words.get(0)), aliases.stream()).toList();
    }

    /** {@code /incident assess <id> <text>}. */
    public String usage(String command) {
        return Stream.concat(
                        Stream.concat(Stream.of(command), words.stream()),
                        params.stream().map(Param::usage))
                .collect(Collectors.joining(" "));
    }

    /** Builds a row; {@link #does}, {@link #access} and {@link #run} are required. */
    public static final class Builder {
        private final List<String> words;
        private final List<String> aliases = new ArrayList<>();
        private final List<Param> params = new ArrayList<>();
        private Access access;
        private String does;
        private String example;

        private Builder(List<String> words) {
            this.words = words;
        }

        public Builder alias(String... more) {
            aliases.addAll(List.of(more));
            return this;
        }

        public Builder params(Param... more) {
            params.addAll(List.of(more));
            return this;
        }

        public Builder who(Access who) {
            this.access = who;
            return this;
        }

        public Builder does(String what) {
            this.does = what;
            return this;
        }

        public Builder example(String text) {
            this.example = text;
            return this;
        }

        public Subcommand run(Handler handler) {
            return new Subcommand(words, aliases, params, access, does, example, handler);
        }
    }

    /** What a subcommand does once its arguments are read and its caller allowed. */
    @FunctionalInterface
    public interface Handler {

        /** @throws CommandException when the request cannot be done; nothing was changed */
        CommandReply run(Invocation invocation);
    }

    /** One command as a handler receives it: who runs it (a linked agent), and its checked arguments. */
    public record Invocation(Caller caller, String agent, Args args) {}
}
