package dev.phasebot.command;

import dev.phasebot.message.Line;
import dev.phasebot.message.PlainText;
import dev.phasebot.message.Span;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the words of a command against a subcommand's parameters with the shared parsers:
 * one each for incident ids, task and gate refs, agents and mentions, dates and numbers.
 * The rest-of-text parameter keeps the text as typed (new lines included).
 */
final class ArgReader {

    private static final Pattern INCIDENT_ID = Pattern.compile("#?(\\d{1,9})");
    private static final Pattern GATE_NUMBER = Pattern.compile("#?(\\d{1,3})");
    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,6}");

    /** Why the words do not fit, and how far they fitted (the furthest-fitting form explains best). */
    static final class Mismatch extends Exception {
        final int fitted;
        /** What is wrong, as the parts of a line ({@link Line#of}): words and the caller's words as code. */
        final List<Object> says;

        Mismatch(int fitted, Object... says) {
            super(PlainText.withUserIds().render(Line.of(says)), null, false, false);
            this.fitted = fitted;
            this.says = List.of(says);
        }
    }

    private final Roster roster;
    private final Mentions mentions;
    private final LocalDate today;

    ArgReader(Roster roster, LocalDate today) {
        this.roster = roster;
        this.mentions = new Mentions(roster);
        this.today = today;
    }

    /** Reads {@code tokens} from {@code from} against {@code params}; every word must be used. */
    Args read(String text, List<Token> tokens, int from, List<Param> params) throws Mismatch {
        Map<String, Object> values = new LinkedHashMap<>();
        int at = from;
        // Why the first left-out optional parameter did not fit: if its word is then left over,
        // that says more than "one word too many" (`/standup history nobody`).
        Mismatch skipped = null;
        for (int i = 0; i < params.size(); i++) {
            Param p = params.get(i);
            if (p.isFlag()) {
                // Flags side by side may come in any order: `HIGH security` is `security HIGH`, never
                // a public incident titled "security ...".
                int end = i + 1;
                while (end < params.size() && params.get(end).isFlag()) {
                    end++;
                }
                List<Param> open = new ArrayList<>(params.subList(i, end));
                at = readFlags(open, tokens, at, values);
                if (!open.isEmpty() && at < tokens.size() && (skipped == null || skipped.fitted != at)) {
                    skipped = mismatch(open.get(0), tokens, at);
                }
                i = end - 1;
                continue;
            }
            if (p.kind() == Param.Kind.TEXT) {
                String rest = at < tokens.size()
                        ? text.substring(tokens.get(at).start()).strip()
                        : "";
                if (rest.isEmpty() && !p.optional()) {
                    throw new Mismatch(at, "Add the " + p.name() + ".");
                }
                if (!rest.isEmpty()) {
                    values.put(p.name(), mentions.toAgents(rest));
                }
                at = tokens.size();
                continue;
            }
            if (at >= tokens.size()) {
                if (p.optional()) {
                    continue;
                }
                throw new Mismatch(
                        at,
                        Span.code(p.kind() == Param.Kind.LITERAL ? p.name() : "<" + p.name() + ">"),
                        " is missing.");
            }
            try {
                at = readOne(p, tokens, at, values);
            } catch (Mismatch e) {
                if (!p.optional()) {
                    throw e;
                }
                if (skipped == null || skipped.fitted != at) {
                    skipped = e;
                }
            }
        }
        if (at < tokens.size() && skipped != null && skipped.fitted == at) {
            throw skipped;
        }
        if (at < tokens.size()) {
            throw new Mismatch(at, Span.code(tokens.get(at).text()), " is one word too many.");
        }
        return new Args(values);
    }

    /** Reads the words at {@code at} that are flags of {@code open}, in any order; leaves in it those not given. */
    private int readFlags(List<Param> open, List<Token> tokens, int at, Map<String, Object> values) throws Mismatch {
        int next = at;
        boolean read = true;
        while (read && next < tokens.size()) {
            read = false;
            for (Param flag : open) {
                if (flag.isFlagWord(tokens.get(next).text())) {
                    next = readOne(flag, tokens, next, values);
                    open.remove(flag);
                    read = true;
                    break;
                }
            }
        }
        return next;
    }

    /** Why the word at {@code at}, which is none of the flags, is not {@code flag}: what a word left over is told. */
    private Mismatch mismatch(Param flag, List<Token> tokens, int at) {
        try {
            readOne(flag, tokens, at, new LinkedHashMap<>());
        } catch (Mismatch e) {
            return e;
        }
        throw new IllegalStateException("`" + tokens.get(at).text() + "` is the flag " + flag.name());
    }

    /** Reads one parameter at {@code at}; returns where the next one starts. */
    private int readOne(Param p, List<Token> tokens, int at, Map<String, Object> values) throws Mismatch {
        String word = tokens.get(at).text();
        Span shown = Span.code(word);
        switch (p.kind()) {
            case LITERAL -> {
                if (!word.equalsIgnoreCase(p.name())) {
                    throw new Mismatch(
                            at,
                            "Expected ",
                            Span.code(p.name()),
                            " where you wrote ",
                            shown,
                            ".",
                            Typos.isSlipFor(word, List.of(p.name())) ? " Did you mean " : "",
                            Typos.isSlipFor(word, List.of(p.name())) ? Span.code(p.name()) : "",
                            Typos.isSlipFor(word, List.of(p.name())) ? "?" : "");
                }
                values.put(p.name(), p.name());
                return at + 1;
            }
            case CHOICE -> {
                // Read once: a choice of the plan's names may change with a reload (Param.choiceOf).
                List<String> choices = List.copyOf(p.choices());
                if (choices.isEmpty()) {
                    values.put(p.name(), word);
                    return at + 1;
                }
                Optional<String> match =
                        choices.stream().filter(c -> c.equalsIgnoreCase(word)).findFirst();
                if (match.isEmpty()) {
                    List<String> close = Typos.suggestions(word, choices);
                    throw new Mismatch(
                            at,
                            shown,
                            " is not one of " + String.join(", ", choices) + ".",
                            close.isEmpty() ? "" : " Did you mean ",
                            close.isEmpty() ? "" : Span.code(close.get(0)),
                            close.isEmpty() ? "" : "?");
                }
                values.put(p.name(), match.get().toLowerCase(Locale.ROOT));
                return at + 1;
            }
            case WORD -> {
                values.put(p.name(), word);
                return at + 1;
            }
            case INCIDENT -> {
                Matcher m = INCIDENT_ID.matcher(word);
                if (!m.matches()) {
                    throw new Mismatch(
                            at,
                            shown,
                            " is not an incident id; ids look like 3 or #3 (",
                            Span.code("/incident list"),
                            " shows them).");
                }
                values.put(p.name(), Long.parseLong(m.group(1)));
                return at + 1;
            }
            case TASK -> {
                Optional<String> task = PlanRefs.parse(word).filter(r -> r.startsWith("T"));
                if (task.isEmpty()) {
                    throw new Mismatch(
                            at,
                            shown,
                            " is not a task; tasks look like T3 (",
                            Span.code("/task list"),
                            " shows them).");
                }
                values.put(p.name(), task.get());
                return at + 1;
            }
            case GATE -> {
                int[] gate = gate(tokens, at);
                if (gate == null) {
                    throw new Mismatch(
                            at,
                            shown,
                            " is not a gate; gates look like 2, gate:2 or gate 2 (",
                            Span.code("/gate list"),
                            " shows them).");
                }
                values.put(p.name(), gate[0]);
                return gate[1];
            }
            case PLAN_REF -> {
                Optional<String> task = PlanRefs.parse(word).filter(r -> r.startsWith("T"));
                if (task.isPresent()) {
                    values.put(p.name(), task.get());
                    return at + 1;
                }
                int[] gate = word.toLowerCase(Locale.ROOT).startsWith("gate") ? gate(tokens, at) : null;
                if (gate == null) {
                    throw new Mismatch(at, shown, " is not a task or gate; write T3, gate:2 or gate 2.");
                }
                values.put(p.name(), "gate:" + gate[0]);
                return gate[1];
            }
            case AGENT -> {
                values.put(p.name(), agent(word, at));
                return at + 1;
            }
            case SLACK_USER -> {
                String user = Mentions.slackUser(word)
                        .orElseThrow(
                                () -> new Mismatch(
                                        at,
                                        shown,
                                        " is not a Slack user mention; pick the user from the @ menu so Slack sends their id."));
                values.put(p.name(), user);
                return at + 1;
            }
            case DATE -> {
                values.put(p.name(), date(word, at));
                return at + 1;
            }
            case INTEGER -> {
                if (!INTEGER.matcher(word).matches()) {
                    throw new Mismatch(at, shown, " is not a whole number; the " + p.name() + " is one, like 2.");
                }
                values.put(p.name(), Integer.parseInt(word));
                return at + 1;
            }
            case NUMBER -> {
                try {
                    double value = Double.parseDouble(word.replace(",", ""));
                    if (Double.isNaN(value) || Double.isInfinite(value)) {
                        throw new NumberFormatException();
                    }
                    values.put(p.name(), value);
                } catch (NumberFormatException e) {
                    throw new Mismatch(at, shown, " is not a number; the " + p.name() + " is one, like 41 or 0.93.");
                }
                return at + 1;
            }
            default -> throw new IllegalStateException("unreadable parameter kind " + p.kind());
        }
    }

    /** {@code 2}, {@code #2}, {@code gate:2}, {@code gate2}, or the two words {@code gate 2}: the number and the next token. */
    private static int[] gate(List<Token> tokens, int at) {
        String word = tokens.get(at).text();
        Matcher number = GATE_NUMBER.matcher(word);
        if (number.matches()) {
            return new int[] {Integer.parseInt(number.group(1)), at + 1};
        }
        boolean twoWords = word.equalsIgnoreCase("gate") && at + 1 < tokens.size();
        Optional<String> ref = PlanRefs.parse(
                        twoWords ? word + " " + tokens.get(at + 1).text() : word)
                .filter(r -> r.startsWith("gate:"));
        return ref.map(r -> new int[] {Integer.parseInt(r.substring(5)), twoWords ? at + 2 : at + 1})
                .orElse(null);
    }

    private String agent(String word, int at) throws Mismatch {
        Optional<String> user = Mentions.MENTION.matcher(word).matches() ? Mentions.slackUser(word) : Optional.empty();
        if (user.isPresent()) {
            return roster.agentIdForSlackUser(user.get())
                    .orElseThrow(() -> new Mismatch(
                            at,
                            Span.slackUser(user.get()),
                            " is not linked to an agent of this phase; the lead can link them with ",
                            Span.code("/standup link <agent> @user"),
                            "."));
        }
        String id = word.startsWith("@") ? word.substring(1) : word;
        if (roster.isAgent(id)) {
            return id;
        }
        List<String> close = Typos.suggestions(id, roster.agentIds());
        throw new Mismatch(
                at,
                Span.code(word),
                " is not an agent of this phase.",
                close.isEmpty() ? " Agents: " + String.join(", ", roster.agentIds()) + "." : " Did you mean ",
                close.isEmpty() ? "" : Span.code(close.get(0)),
                close.isEmpty() ? "" : "?");
    }

    private LocalDate date(String word, int at) throws Mismatch {
        String w = word.toLowerCase(Locale.ROOT);
        if (w.equals("today")) {
            return today;
        }
        if (w.equals("tomorrow")) {
            return today.plusDays(1);
        }
        try {
            return LocalDate.parse(w);
        } catch (DateTimeParseException e) {
            throw new Mismatch(
                    at,
                    Span.code(word),
                    " is not a date; write it as 2026-12-24, ",
                    Span.code("today"),
                    " or ",
                    Span.code("tomorrow"),
                    ".");
        }
    }
}
