package dev.phasebot.plan;

import dev.phasebot.config.BotConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which tasks {@code /task list} shows: all, the caller's, blocked, overdue, of one priority
 * or of one agent; {@code title} heads the list.
 */
public record TaskFilter(String title, Kind kind, String value) {

    enum Kind {
        ALL,
        OWNER,
        BLOCKED,
        OVERDUE,
        PRIORITY
    }

    public static TaskFilter all() {
        return new TaskFilter("All tasks", Kind.ALL, null);
    }

    /** The filter a word names, or empty when it names none (see {@link #words}). */
    public static Optional<TaskFilter> parse(String word, String agent, BotConfig config) {
        String f = word.toLowerCase(Locale.ROOT);
        if (f.equals("mine")) {
            return Optional.of(new TaskFilter("Your tasks", Kind.OWNER, agent));
        }
        if (f.equals("blocked")) {
            return Optional.of(new TaskFilter("Blocked tasks", Kind.BLOCKED, null));
        }
        if (f.equals("overdue")) {
            return Optional.of(new TaskFilter("Overdue tasks", Kind.OVERDUE, null));
        }
        if (List.of("critical", "high", "medium", "low").contains(f)) {
            String p = f.toUpperCase(Locale.ROOT);
            return Optional.of(new TaskFilter(p + " tasks", Kind.PRIORITY, p));
        }
        if (config.agent(word).isPresent()) {
            return Optional.of(new TaskFilter("Tasks of " + word, Kind.OWNER, word));
        }
        return Optional.empty();
    }

    /** Every word that names a filter, for "did you mean". */
    public static List<String> words(BotConfig config) {
        List<String> words =
                new ArrayList<>(List.of("mine", "blocked", "overdue", "CRITICAL", "HIGH", "MEDIUM", "LOW"));
        config.agents().forEach(a -> words.add(a.id()));
        return words;
    }

    boolean keeps(PlanSnapshot plan, Task t, Instant now) {
        return switch (kind) {
            case ALL -> true;
            case OWNER -> t.owner().equals(value);
            case BLOCKED -> plan.isBlocked(t);
            case OVERDUE -> plan.isOverdue(t, now);
            case PRIORITY -> t.priority().equalsIgnoreCase(value);
        };
    }
}
