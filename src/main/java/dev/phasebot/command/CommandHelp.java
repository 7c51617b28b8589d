package dev.phasebot.command;

import dev.phasebot.message.SafeText;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Help and usage lines, generated from a command's table, so they never drift from what it accepts. */
final class CommandHelp {

    private CommandHelp() {}

    /** {@code /x help}: what the command is for, then one line per subcommand with who may run it. */
    static CommandReply help(SlashCommand command) {
        StringBuilder text = new StringBuilder("*" + command.name() + "*");
        if (!command.aliases().isEmpty()) {
            text.append(" (or ").append(String.join(", ", command.aliases())).append(')');
        }
        text.append(": ").append(command.summary()).append('\n');
        for (Subcommand sub : command.rows()) {
            text.append(line(command, sub)).append('\n');
        }
        text.append("`").append(command.name()).append(" help &lt;subcommand&gt;` shows one with an example.");
        return CommandReply.text(text.toString());
    }

    static CommandReply helpFor(SlashCommand command, String word) {
        List<Subcommand> forms = command.subcommands().stream()
                .filter(s -> s.names().contains(word.toLowerCase(Locale.ROOT)))
                .toList();
        if (forms.isEmpty()) {
            List<String> close = Typos.suggestions(word, command.slipCandidates());
            throw new CommandException("`" + SafeText.escape(word) + "` is not a `" + command.name() + "` subcommand."
                    + (close.isEmpty() ? "" : " Did you mean `" + command.name() + " help " + close.get(0) + "`?")
                    + "\n" + usages(command));
        }
        return CommandReply.text(forms.stream()
                .map(f -> line(command, f)
                        + (f.example().isEmpty() ? "" : "\n  e.g. `" + SafeText.escape(f.example()) + "`"))
                .collect(Collectors.joining("\n")));
    }

    private static String line(SlashCommand command, Subcommand sub) {
        // mrkdwn: a bare <agent> would reach Slack as a link to "agent"
        return "`" + SafeText.escape(sub.usage(command.name())) + "`: " + SafeText.escape(sub.does()) + " ("
                + sub.access().who() + ")";
    }

    static String usages(SlashCommand command) {
        return "Usage: "
                + command.rows().stream()
                        .map(s -> "`" + SafeText.escape(s.usage(command.name())) + "`")
                        .collect(Collectors.joining(" · "));
    }
}
