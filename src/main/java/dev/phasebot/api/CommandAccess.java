package dev.phasebot.api;

import dev.phasebot.command.Access;
import dev.phasebot.command.Args;
import dev.phasebot.command.CommandDispatcher;
import dev.phasebot.command.SlashCommand;
import dev.phasebot.command.Subcommand;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The "who may" of the slash command an endpoint stands for, read from the very table the
 * dispatcher checks, so the API cannot grow rules of its own: {@code POST /incidents} asks
 * what {@code /incident raise} asks. Rules that depend on the item acted on (a task's owner,
 * an incident's assignee) are the core's, and the API reaches them by calling the same
 * service methods with the token's agent.
 */
final class CommandAccess {

    private final List<SlashCommand> commands;

    CommandAccess(CommandDispatcher dispatcher) {
        this.commands = dispatcher.commands();
    }

    /** Why {@code agent} may not run {@code command words...} with {@code args}; empty when it may. */
    Optional<String> refusal(String agent, String command, List<String> words, Map<String, Object> args) {
        return access(command, words).refusal(agent, Args.of(args));
    }

    /** The row's access; a route naming a row no table has is a programming error, found at start. */
    Access access(String command, List<String> words) {
        SlashCommand table = commands.stream()
                .filter(c -> c.name().equals(command))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no command " + command));
        if (words.isEmpty()) {
            Subcommand free = table.freeText() != null ? table.freeText() : table.whenEmpty();
            return free.access();
        }
        return table.subcommands().stream()
                .filter(s -> s.words().equals(words))
                .findFirst()
                .map(Subcommand::access)
                .orElseThrow(() -> new IllegalArgumentException("no subcommand " + command + " " + words));
    }
}
