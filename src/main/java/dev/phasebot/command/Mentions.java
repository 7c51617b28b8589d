package dev.phasebot.command;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Slack mentions as slash commands carry them when escaping is on ({@code <@U0123|dana>},
 * {@code <@U0123>}), read as the agents they are linked to. The one place that parses them.
 */
public final class Mentions {

    /** A user mention; group 1 is the user id, group 2 the display name when Slack sent one. */
    public static final Pattern MENTION = Pattern.compile("<@([UW][A-Z0-9]{2,20})(?:\\|([^>]*))?>");

    private static final Pattern BARE_USER = Pattern.compile("[UW][A-Z0-9]{2,20}");

    private final Roster roster;

    public Mentions(Roster roster) {
        this.roster = roster;
    }

    /** The Slack user id in a mention or a bare id ({@code U0123}), if that is what the word is. */
    public static Optional<String> slackUser(String word) {
        Matcher m = MENTION.matcher(word);
        if (m.matches()) {
            return Optional.of(m.group(1));
        }
        return BARE_USER.matcher(word).matches() ? Optional.of(word) : Optional.empty();
    }

    /**
     * Every mention in {@code text} replaced by the agent it is linked to, or by {@code @name}
     * (or {@code @U0123}) when it is not linked, so that what is stored and echoed reads as words.
     */
    public String toAgents(String text) {
        if (!text.contains("<@")) {
            return text;
        }
        Matcher m = MENTION.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = roster.agentIdForSlackUser(m.group(1))
                    .orElse("@" + (m.group(2) == null || m.group(2).isBlank() ? m.group(1) : m.group(2)));
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
