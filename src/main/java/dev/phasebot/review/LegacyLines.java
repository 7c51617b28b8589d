package dev.phasebot.review;

import dev.phasebot.message.Line;
import dev.phasebot.message.SafeText;
import dev.phasebot.message.Span;
import dev.phasebot.message.Symbol;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Transitional: reads the mrkdwn agenda lines other features still return ({@code gateLines()},
 * {@code overdueLines()}, {@code weekForReview(..)}, {@code participation(..)}) as {@link Line}s,
 * so the agenda is a doc on every surface. Goes away when those features return values.
 */
public final class LegacyLines {

    private static final Pattern TOKEN = Pattern.compile("\\*([^*\\n]+)\\*|(?<!\\w)_([^_\\n]+)_(?!\\w)|`([^`\\n]+)`"
            + "|:([a-z][a-z0-9_+-]*):|<@([A-Z0-9]+)(?:\\|[^>]*)?>");

    private LegacyLines() {
    }

    public static List<Line> of(List<String> mrkdwn) {
        return mrkdwn.stream().map(LegacyLines::line).toList();
    }

    /** One mrkdwn line: bold, italics, code, emoji codes and user mentions become spans and marks. */
    public static Line line(String mrkdwn) {
        List<Object> parts = new ArrayList<>();
        Matcher m = TOKEN.matcher(mrkdwn);
        int at = 0;
        while (m.find()) {
            if (m.start() > at) {
                parts.add(SafeText.unescape(mrkdwn.substring(at, m.start())));
            }
            if (m.group(1) != null) {
                parts.add(Span.strong(SafeText.unescape(m.group(1))));
            } else if (m.group(2) != null) {
                parts.add(Span.aside(SafeText.unescape(m.group(2))));
            } else if (m.group(3) != null) {
                parts.add(Span.code(SafeText.unescape(m.group(3))));
            } else if (m.group(4) != null) {
                symbol(m.group(4)).ifPresent(parts::add);
            } else {
                parts.add(Span.slackUser(m.group(5)));
            }
            at = m.end();
        }
        if (at < mrkdwn.length()) {
            parts.add(SafeText.unescape(mrkdwn.substring(at)));
        }
        return Line.of(parts.toArray());
    }

    private static java.util.Optional<Symbol> symbol(String emoji) {
        for (Symbol s : Symbol.values()) {
            if (s.emoji().equals(emoji)) {
                return java.util.Optional.of(s);
            }
        }
        return java.util.Optional.empty();
    }
}
