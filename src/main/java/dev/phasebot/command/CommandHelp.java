package dev.phasebot.command;

import dev.phasebot.message.Doc;
import dev.phasebot.message.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Help and usage lines, generated from a command's table, so they never drift from what it accepts. */
final class CommandHelp {

    private CommandHelp() {}

    /** {@code /x help}: what the command is for, then one line per subcommand with who may run it. */
    static CommandReply help(SlashCommand command) {
        List<Object> text = new ArrayList<>();
        text.add(Span.strong(command.name()));
        if (!command.aliases().isEmpty()) {
            text.add(" (or " + String.join(", ", command.aliases()) + ")");
        }
        text.add(": ");
        text.addAll(marked(command.summary()));
        text.add("\n");
        for (Subcommand sub : command.rows()) {
            text.addAll(line(command, sub));
            text.add("\n");
        }
        text.add(Span.code(command.name() + " help <subcommand>"));
        text.add(" shows one with an example.");
        return usage(text);
    }

    static CommandReply helpFor(SlashCommand command, String word) {
        List<Subcommand> forms = command.subcommands().stream()
                .filter(s -> s.names().contains(word.toLowerCase(Locale.ROOT)))
                .toList();
        if (forms.isEmpty()) {
            List<String> close = Typos.suggestions(word, command.slipCandidates());
            List<Object> text =
                    new ArrayList<>(List.of(Span.code(word), " is not a ", Span.code(command.name()), " subcommand."));
            if (!close.isEmpty()) {
                text.addAll(List.of(" Did you mean ", Span.code(command.name() + " help " + close.get(0)), "?"));
            }
            text.add("\n");
            text.addAll(usages(command));
            throw CommandException.of(Doc.of(text.toArray()));
        }
        List<Object> text = new ArrayList<>();
        for (Subcommand f : forms) {
            if (!text.isEmpty()) {
                text.add("\n");
            }
            text.addAll(line(command, f));
            if (!f.example().isEmpty()) {
                text.addAll(List.of("\n  e.g. ", Span.code(f.example())));
            }
        }
        return usage(text);
    }

    private static List<Object> line(SlashCommand command, Subcommand sub) {
        List<Object> line = new ArrayList<>(List.of(Span.code(sub.usage(command.name())), ": "));
        line.addAll(marked(sub.does()));
        line.add(" (" + sub.access().who() + ")");
        return line;
    }

    static List<Object> usages(SlashCommand command) {
        List<Object> text = new ArrayList<>(List.of("Usage: "));
        for (Subcommand s : command.rows()) {
            if (text.size() > 1) {
                text.add(" · ");
            }
            text.add(Span.code(s.usage(command.name())));
        }
        return text;
    }

    /** A table's own words (a summary, what a subcommand does), whose commands are marked in backticks. */
    static List<Object> marked(String words) {
        List<Object> spans = new ArrayList<>();
        String[] pieces = words.split("`", -1);
        for (int i = 0; i < pieces.length; i++) {
            if (pieces[i].isEmpty()) {
                continue;
            }
            spans.add(i % 2 == 0 ? Span.words(pieces[i]) : Span.code(pieces[i]));
        }
        return spans;
    }

    private static CommandReply usage(List<Object> text) {
        return new CommandReply.Text(Doc.of(text.toArray()));
    }
}
