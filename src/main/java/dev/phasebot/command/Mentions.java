package dev.phasebot.command;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Slack mentions as slash commands carry them when escaping is on ({@code <@U0123|dana>},
 * {@code <@U0123>}), read as the agents they are linked to. The one place that parses them.
 */
public final class Mentions {

    /**
     * A whole word that is a user mention; group 1 is the user id, group 2 the display name when
     * Slack sent one. For {@code matches()} on one word only: to find mentions in a text,
     * {@link #toAgents} scans instead, since a regex search over many unclosed {@code <@U01|}
     * would read the rest of the text again from each of them.
     */
    public static final Pattern MENTION = Pattern.compile("<@([UW][A-Z0-9]{2,20})(?:>|\\|([^>]*)>)");

    private static final Pattern BARE_USER = Pattern.compile("[UW][A-Z0-9]{2,20}");

    private final Roster roster;

    public Mentions(Roster roster) {
        this.roster = roster;
    }

    /** The Slack user id in a mention or a bare id ({@code U0123}), if that is what the word is. */
    public static Optional<String> slackUser(String word) {
        Mention m = mentionAt(word, 0, word.indexOf('>'));
        if (m != null && m.end() == word.length()) {
            return Optional.of(m.user());
        }
        return BARE_USER.matcher(word).matches() ? Optional.of(word) : Optional.empty();
    }

    /**
     * Every mention in {@code text} replaced by the agent it is linked to, or by {@code @name}
     * (or {@code @U0123}) when it is not linked, so that what is stored and echoed reads as words.
     */
    public String toAgents(String text) {
        StringBuilder out = new StringBuilder();
        int copied = 0;
        int close = text.indexOf('>');
        // Past the last '>' no mention can end, so the scan stops there: each character is read once.
        for (int at = text.indexOf("<@"); at >= 0 && close >= 0; at = text.indexOf("<@", at + 1)) {
            if (close < at) {
                close = text.indexOf('>', at);
            }
            Mention m = mentionAt(text, at, close);
            if (m == null) {
                continue;
            }
            String replacement = roster.agentIdForSlackUser(m.user())
                    .orElse("@" + (m.name() == null || m.name().isBlank() ? m.user() : m.name()));
            out.append(text, copied, at).append(replacement);
            copied = m.end();
            at = m.end() - 1;
            close = text.indexOf('>', m.end());
        }
        return copied == 0 ? text : out.append(text, copied, text.length()).toString();
    }

    /** A mention read from a text: the user id, the display name or null, and where it ends. */
    private record Mention(String user, String name, int end) {}

    /**
     * The mention {@link #MENTION} would match at {@code at}, or null. {@code close} is the first
     * '>' at or after {@code at} (or -1): a display name runs to it.
     */
    private static Mention mentionAt(String text, int at, int close) {
        if (!text.startsWith("<@", at) || at + 2 >= text.length() || "UW".indexOf(text.charAt(at + 2)) < 0) {
            return null;
        }
        int idEnd = at + 3;
        while (idEnd < text.length() && isIdChar(text.charAt(idEnd))) {
            idEnd++;
        }
        // {2,20} after the U or W; the character after the id must be '>' or '|', neither an id character.
        int length = idEnd - (at + 3);
        if (length < 2 || length > 20 || idEnd >= text.length()) {
            return null;
        }
        String user = text.substring(at + 2, idEnd);
        if (text.charAt(idEnd) == '>') {
            return new Mention(user, null, idEnd + 1);
        }
        if (text.charAt(idEnd) == '|' && close > idEnd) {
            return new Mention(user, text.substring(idEnd + 1, close), close + 1);
        }
        return null;
    }

    private static boolean isIdChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
