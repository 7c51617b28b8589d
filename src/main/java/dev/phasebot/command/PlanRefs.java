package dev.phasebot.command;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one reader of plan references, as people write them in a command's arguments or
 * inside free text: tasks {@code T3}, {@code t3}, {@code #T3}; gates {@code gate:2},
 * {@code gate 2}, {@code gate2}. Written back as {@code T3} and {@code gate:2}.
 */
public final class PlanRefs {

    private static final String TASK = "#?[Tt](\\d{1,4})";
    private static final String GATE = "[Gg][Aa][Tt][Ee](?::|\\s+|)#?(\\d{1,3})";
    private static final Pattern ONE = Pattern.compile(TASK + "|" + GATE);
    private static final Pattern IN_TEXT = Pattern.compile("(?<![\\w-])(?:" + TASK + "|" + GATE + ")(?![\\w-])");

    private PlanRefs() {}

    /** {@code T3} or {@code gate:2} when the whole of {@code text} is a reference; empty otherwise. */
    public static Optional<String> parse(String text) {
        Matcher m = ONE.matcher(text.strip());
        return m.matches() ? Optional.of(normal(m)) : Optional.empty();
    }

    /** Every reference in {@code text}, in the order first written, each once. */
    public static List<String> inText(String text) {
        Set<String> refs = new LinkedHashSet<>();
        Matcher m = IN_TEXT.matcher(text);
        while (m.find()) {
            refs.add(normal(m));
        }
        return List.copyOf(refs);
    }

    /** The task ids ({@code T3}) in {@code text}. */
    public static List<String> tasksInText(String text) {
        return inText(text).stream().filter(r -> r.startsWith("T")).toList();
    }

    private static String normal(Matcher m) {
        return m.group(1) != null ? "T" + Integer.parseInt(m.group(1)) : "gate:" + Integer.parseInt(m.group(2));
    }
}
