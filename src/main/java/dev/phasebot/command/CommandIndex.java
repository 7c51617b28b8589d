package dev.phasebot.command;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One command's table looked up by first word, built once when the dispatcher is made: the
 * tables are fixed at wiring time, and working these out from the rows on every command cost
 * an update more than its whole transaction did.
 *
 * @param byFirstWord    each subcommand under its first word and under each alias
 * @param slipCandidates {@link SlashCommand#slipCandidates()}
 * @param guarded        the guarded words, lower case
 */
record CommandIndex(
        SlashCommand command,
        Map<String, List<Subcommand>> byFirstWord,
        List<String> slipCandidates,
        Set<String> guarded) {

    static CommandIndex of(SlashCommand command) {
        Map<String, List<Subcommand>> byFirstWord = new HashMap<>();
        for (Subcommand sub : command.subcommands()) {
            for (String name : sub.names()) {
                byFirstWord.computeIfAbsent(name, k -> new ArrayList<>()).add(sub);
            }
        }
        byFirstWord.replaceAll((word, subs) -> List.copyOf(subs));
        return new CommandIndex(
                command,
                Map.copyOf(byFirstWord),
                command.slipCandidates(),
                command.guarded().stream()
                        .map(w -> w.toLowerCase(Locale.ROOT))
                        .collect(Collectors.toUnmodifiableSet()));
    }

    /** The subcommands whose first word (or an alias of it) is {@code lowerCaseWord}, in table order. */
    List<Subcommand> startingWith(String lowerCaseWord) {
        return byFirstWord.getOrDefault(lowerCaseWord, List.of());
    }

    boolean isGuarded(String word) {
        return guarded.contains(word.toLowerCase(Locale.ROOT));
    }
}
