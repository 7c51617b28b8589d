package dev.phasebot.standup;

import dev.phasebot.message.Refusal;
import dev.phasebot.message.Span;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
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

    /** Every label people type, to its section; longer labels first so "security update" wins over "security". */
    static final Map<String, Section> LABELS = labels();

    private static final Pattern LABEL = Pattern.compile(
            "(?i)(?<![\\w-])(" + String.join("|", LABELS.keySet()).replace("-", "\\-") + ")\\s*:");

    private static final Pattern NOTHING = Pattern.compile(
            "(?i)(none|nothing|n/?a|no|-+|no blockers?|nope|nil)\\.?");

    /**
     * The update as typed, and whether some text came before any label and was taken as
     * today's commitments: the service must not let such text replace commitments already
     * recorded, since nobody named the section.
     */
    public ParsedUpdate parse(String text) {
        Map<Section, List<String>> sections = new EnumMap<>(Section.class);
        Matcher m = LABEL.matcher(text);
        int start = 0;
        Section current = null;
        boolean unlabeled = false;
        while (m.find()) {
            unlabeled |= add(sections, current, text.substring(start, m.start())) && current == null;
            current = LABELS.get(m.group(1).toLowerCase(Locale.ROOT));
            start = m.end();
        }
        unlabeled |= add(sections, current, text.substring(start)) && current == null;
        StandupUpdate update = new StandupUpdate(
                join(sections.get(Section.SECURITY)), join(sections.get(Section.BLOCKERS)),
                join(sections.get(Section.TODAY)), join(sections.get(Section.COORDINATION)));
        check(update);
        return new ParsedUpdate(update, unlabeled);
    }

    /** The limits every update obeys, however it arrived (inline, modal or console form). */
    public static void check(StandupUpdate update) {
        if (update.isEmpty()) {
            throw Refusal.of(Section.TODAY.field(), "Your update is empty. Write at least one section, e.g. ",
                    Span.code("/standup today: finish the audit report"), ", or ", Span.code("/standup"),
                    " alone for the form.");
        }
        for (Section section : Section.values()) {
            String text = section.of(update);
            if (text.length() > MAX_SECTION) {
                throw Refusal.of(section.field(), "The " + section.label() + " section is " + text.length()
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
        sections.computeIfAbsent(section == null ? Section.TODAY : section, k -> new ArrayList<>()).add(piece);
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
