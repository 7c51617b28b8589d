package dev.phasebot.standup;

import dev.phasebot.message.Refusal;
import dev.phasebot.message.Span;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /** Every label people type, to its section; longer labels first so "security update" wins over "security". */
    static final Map<String, Section> LABELS = labels();

    /** The labels by their first letter, in {@link #LABELS}' order, so a word is compared only with those that could match. */
    private static final Map<Character, List<String>> LABELS_BY_INITIAL = byInitial(LABELS.keySet());

    private static final Pattern NOTHING = Pattern.compile("(?i)(none|nothing|n/?a|no|-+|no blockers?|nope|nil)\\.?");

    /**
     * An inline update as read: the sections given, and whether some of its text came before any
     * label and was taken as today's commitments ({@code /standup finishing the report}).
     */
    public record ParsedUpdate(StandupUpdate update, boolean unlabeled) {}

    /**
     * The update as typed, and whether some text came before any label and was taken as
     * today's commitments: the service must not let such text replace commitments already
     * recorded, since nobody named the section.
     */
    public ParsedUpdate parse(String text) {
        Map<Section, List<String>> sections = new EnumMap<>(Section.class);
        int start = 0;
        Section current = null;
        boolean unlabeled = false;
        for (int at = 0; at < text.length(); at++) {
            if (at > 0 && isWordOrHyphen(text.charAt(at - 1))) {
                continue;
            }
            Label label = labelAt(text, at);
            if (label != null) {
                unlabeled |= add(sections, current, text.substring(start, at)) && current == null;
                current = LABELS.get(label.name());
                start = label.end();
                at = label.end() - 1;
            }
        }
        unlabeled |= add(sections, current, text.substring(start)) && current == null;
        StandupUpdate update = new StandupUpdate(
                join(sections.get(Section.SECURITY)), join(sections.get(Section.BLOCKERS)),
                join(sections.get(Section.TODAY)), join(sections.get(Section.COORDINATION)));
        check(update);
        return new ParsedUpdate(update, unlabeled);
    }

    /** A label found in the text: which one, and where the text after its colon starts. */
    private record Label(String name, int end) {}

    /**
     * The label starting at {@code at} and followed by optional white space and a colon, the
     * first in {@link #LABELS}' order that is; null when none. ASCII letters match in either
     * case and nothing else folds, so "Security:" is a label and "ſecurity:" is not. (A regex
     * with a look-behind and 21 alternatives did this at a fifth of an update's cost.)
     */
    private static Label labelAt(String text, int at) {
        List<String> candidates = LABELS_BY_INITIAL.get(asciiLower(text.charAt(at)));
        if (candidates == null) {
            return null;
        }
        for (String label : candidates) {
            int end = at + label.length();
            if (end > text.length() || !equalsIgnoringAsciiCase(text, at, label)) {
                continue;
            }
            while (end < text.length() && isSpace(text.charAt(end))) {
                end++;
            }
            if (end < text.length() && text.charAt(end) == ':') {
                return new Label(label, end + 1);
            }
        }
        return null;
    }

    private static boolean equalsIgnoringAsciiCase(String text, int at, String lowerCase) {
        for (int i = 0; i < lowerCase.length(); i++) {
            if (asciiLower(text.charAt(at + i)) != lowerCase.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static char asciiLower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    /** What a label must not follow: a letter, digit, underscore or hyphen ("pre-blockers:" is no label). */
    private static boolean isWordOrHyphen(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-';
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    private static Map<Character, List<String>> byInitial(java.util.Collection<String> labels) {
        Map<Character, List<String>> byInitial = new java.util.HashMap<>();
        for (String label : labels) {
            byInitial.computeIfAbsent(label.charAt(0), k -> new ArrayList<>()).add(label);
        }
        byInitial.replaceAll((k, v) -> List.copyOf(v));
        return Map.copyOf(byInitial);
    }

    /** The limits every update obeys, however it arrived (inline, modal or console form). */
    public static void check(StandupUpdate update) {
        if (update.isEmpty()) {
            throw Refusal.of(
                    Section.TODAY.field(),
                    "Your update is empty. Write at least one section, e.g. ",
                    Span.code("/standup today: finish the audit report"),
                    ", or ",
                    Span.code("/standup"),
                    " alone for the form.");
        }
        for (Section section : Section.values()) {
            String text = section.of(update);
            if (text.length() > MAX_SECTION) {
                throw Refusal.of(
                        section.field(),
                        "The " + section.label() + " section is " + text.length()
                                + " characters; keep each section under " + MAX_SECTION + " and link longer notes.");
            }
        }
    }

    /** True when a blockers section only says there are none ("none", "n/a", "-"). */
    public static boolean saysNothing(String text) {
        return text.isBlank() || NOTHING.matcher(text.strip()).matches();
    }

    /** Adds a piece of text to its section (today's commitments when unlabelled); false when it was blank. */
    private static boolean add(Map<Section, List<String>> sections, Section section, String raw) {
        String piece = raw.strip();
        while (piece.endsWith(";") || piece.endsWith("|")) {
            piece = piece.substring(0, piece.length() - 1).strip();
        }
        if (piece.isEmpty()) {
            return false;
        }
        sections.computeIfAbsent(section == null ? Section.TODAY : section, k -> new ArrayList<>())
                .add(piece);
        return true;
    }

    private static Map<String, Section> labels() {
        Map<String, Section> labels = new LinkedHashMap<>();
        for (String s : List.of("security update", "security", "sec")) {
            labels.put(s, Section.SECURITY);
        }
        for (String s : List.of("blockers", "blocker", "blocked", "blocking", "dependencies", "dependency", "deps")) {
            labels.put(s, Section.BLOCKERS);
        }
        for (String s : List.of("today", "commitments", "commitment", "deliverables", "deliverable", "commit")) {
            labels.put(s, Section.TODAY);
        }
        for (String s : List.of("coordination", "coord", "cross-team", "needs", "need")) {
            labels.put(s, Section.COORDINATION);
        }
        return Collections.unmodifiableMap(labels);
    }

    private static String join(List<String> pieces) {
        return pieces == null ? "" : String.join("; ", pieces);
    }
}
