package dev.phasebot.command;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Plan references as people write them inside free text ({@code affects T1}, {@code affects gate 2}). */
public final class Refs {

    private static final Pattern TASK = Pattern.compile("#?[Tt](\\d{1,4})");
    private static final Pattern GATE = Pattern.compile("(?i)gate(?::|\\s+|)#?(\\d{1,3})");

    private Refs() {
    }

    /** {@code T3} or {@code gate:2} for a task or gate reference; empty for anything else. */
    public static Optional<String> planRef(String text) {
        String t = text.strip();
        Matcher task = TASK.matcher(t);
        if (task.matches()) {
            return Optional.of("T" + Integer.parseInt(task.group(1)));
        }
        Matcher gate = GATE.matcher(t);
        return gate.matches() ? Optional.of("gate:" + Integer.parseInt(gate.group(1))) : Optional.empty();
    }
}
