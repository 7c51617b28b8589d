package dev.phasebot.standup;

import dev.phasebot.command.CommandException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an inline standup update. Sections start with a label and a colon, in any order, on
 * one line or several; text before the first label counts as today's commitments, so
 * {@code /standup finishing the audit report} works too.
 *
 * <pre>
 * /standup security: patch merged; blockers: waiting on software-architect for #T3;
 *          today: audit report; coordination: qa-engineer to re-run the fuzzers
 * </pre>
 */
public final class UpdateParser {

    static final int MAX_SECTION = 3_000;

    private static final Map<String, String> LABELS = new LinkedHashMap<>();

    static {
        for (String s : List.of("security update", "security", "sec")) {
            LABELS.put(s, "security");
        }
        for (String s : List.of("blockers", "blocker", "blocked", "blocking", "dependencies", "dependency", "deps")) {
            LABELS.put(s, "blockers");
        }
        for (String s : List.of("today", "commitments", "commitment", "deliverables", "deliverable", "commit")) {
            LABELS.put(s, "commitments");
        }
        for (String s : List.of("coordination", "coord", "cross-team", "needs", "need")) {
            LABELS.put(s, "coordination");
        }
    }

    private static final Pattern LABEL = Pattern.compile(
            "(?i)(?<![\\w-])(" + String.join("|", LABELS.keySet()).replace("-", "\\-") + ")\\s*:");

    private static final Pattern NOTHING = Pattern.compile(
            "(?i)(none|nothing|n/?a|no|-+|no blockers?|nope|nil)\\.?");

    public StandupUpdate parse(String text) {
        Map<String, List<String>> sections = new LinkedHashMap<>();
        Matcher m = LABEL.matcher(text);
        int start = 0;
        String current = null;
        while (m.find()) {
            add(sections, current, text.substring(start, m.start()));
            current = LABELS.get(m.group(1).toLowerCase(Locale.ROOT));
            start = m.end();
        }
        add(sections, current, text.substring(start));
        StandupUpdate update = new StandupUpdate(
                join(sections.get("security")), join(sections.get("blockers")),
                join(sections.get("commitments")), join(sections.get("coordination")));
        check(update);
        return update;
    }

    /** The limits every update obeys, however it arrived (inline, modal or console form). */
    public static void check(StandupUpdate update) {
        if (update.isEmpty()) {
            throw new CommandException("Your update is empty. Write at least one section, e.g. "
                    + "`/standup today: finish the audit report`, or `/standup` alone for the form.");
        }
        Map<String, String> named = Map.of("security", update.security(), "blockers", update.blockers(),
                "today", update.commitments(), "coordination", update.coordination());
        for (Map.Entry<String, String> e : named.entrySet()) {
            if (e.getValue().length() > MAX_SECTION) {
                throw new CommandException("The " + e.getKey() + " section is " + e.getValue().length()
                        + " characters; keep each section under " + MAX_SECTION + " and link longer notes.");
            }
        }
    }

    /** True when a blockers section only says there are none ("none", "n/a", "-"). */
    public static boolean saysNothing(String text) {
        return text.isBlank() || NOTHING.matcher(text.strip()).matches();
    }

    private static void add(Map<String, List<String>> sections, String section, String raw) {
        String piece = raw.strip();
        while (piece.endsWith(";") || piece.endsWith("|")) {
            piece = piece.substring(0, piece.length() - 1).strip();
        }
        if (piece.isEmpty()) {
            return;
        }
        sections.computeIfAbsent(section == null ? "commitments" : section, k -> new ArrayList<>()).add(piece);
    }

    private static String join(List<String> pieces) {
        return pieces == null ? "" : String.join("; ", pieces);
    }
}
