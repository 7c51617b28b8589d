package dev.phasebot.message;

import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link Doc} as plain text: what the console prints and what Slack shows in a
 * notification. No markup of any surface: names instead of mentions, no emphasis marks,
 * no backticks, no emoji codes; lists indented, fields aligned.
 */
public final class PlainText {

    private static final Pattern LEGACY_USER = Pattern.compile("<@([A-Z0-9]+)>");
    private static final Pattern LEGACY_LINK = Pattern.compile("<([^<>|]+)\\|([^<>]+)>");
    private static final Pattern LEGACY_EMOJI = Pattern.compile(":[a-z0-9_+-]+: ?");

    private final Function<String, String> slackUserName;

    /** {@code slackUserName} names a Slack user id (the agent linked to it, or the id itself). */
    public PlainText(Function<String, String> slackUserName) {
        this.slackUserName = slackUserName;
    }

    /** Names Slack users by their ids: for places that know no agents. */
    public static PlainText withUserIds() {
        return new PlainText(id -> id);
    }

    public String render(Doc doc) {
        StringBuilder out = new StringBuilder();
        List<Block> blocks = doc.blocks();
        for (int i = 0; i < blocks.size(); i++) {
            Block block = blocks.get(i);
            if (i > 0 && (block instanceof Block.Bullets || block instanceof Block.Divider)) {
                out.append('\n');
            }
            render(block, out);
        }
        return out.toString().stripTrailing();
    }

    public String render(Line line) {
        StringBuilder out = new StringBuilder();
        for (Span span : line.spans()) {
            out.append(text(span));
        }
        // A mark that shows as nothing leaves the space after it at the start of the line.
        return out.toString().stripLeading();
    }

    private String text(Span span) {
        if (span instanceof Span.Words w) {
            return w.text();
        }
        if (span instanceof Span.Strong s) {
            return s.text();
        }
        if (span instanceof Span.Aside a) {
            return a.text();
        }
        if (span instanceof Span.Code c) {
            return c.text();
        }
        if (span instanceof Span.SlackUser u) {
            return slackUserName.apply(u.userId());
        }
        return ((Span.Mark) span).symbol().plain();
    }

    private void render(Block block, StringBuilder out) {
        if (block instanceof Block.Heading h) {
            out.append(render(h.line())).append('\n');
        } else if (block instanceof Block.Paragraph p) {
            p.lines().forEach(l -> out.append(render(l)).append('\n'));
        } else if (block instanceof Block.Bullets b) {
            String title = render(b.title());
            if (!title.isEmpty()) {
                out.append(title).append('\n');
            }
            b.items()
                    .forEach(item -> out.append("  • ")
                            .append(render(item).replace("\n", "\n    "))
                            .append('\n'));
        } else if (block instanceof Block.Fields f) {
            int width =
                    f.fields().stream().mapToInt(x -> x.label().length()).max().orElse(0);
            for (Block.Field field : f.fields()) {
                out.append(field.label())
                        .append(':')
                        .append(" ".repeat(width - field.label().length() + 1))
                        .append(render(field.value()))
                        .append('\n');
            }
        } else if (block instanceof Block.Context c) {
            out.append(render(c.line())).append('\n');
        } else if (block instanceof Block.Actions a) {
            a.buttons()
                    .forEach(button -> out.append('[')
                            .append(button.label())
                            .append("] -> type ")
                            .append(button.command())
                            .append('\n'));
        } else {
            out.append('\n');
        }
    }

    /** Best-effort plain text of mrkdwn written by an older version (queued before an upgrade). */
    String fromMrkdwn(String mrkdwn) {
        String text = LEGACY_EMOJI.matcher(mrkdwn).replaceAll("");
        Matcher users = LEGACY_USER.matcher(text);
        StringBuilder named = new StringBuilder();
        while (users.find()) {
            users.appendReplacement(named, Matcher.quoteReplacement(slackUserName.apply(users.group(1))));
        }
        users.appendTail(named);
        text = LEGACY_LINK.matcher(named).replaceAll("$2");
        text = withoutEmphasis(text);
        text = text.replace("`", "");
        return SafeText.unescape(text);
    }

    /**
     * {@code *bold*} and {@code _italic_} without their marks, as the regex
     * {@code (?<![\w*_])([*_])(\S(?:[^\n]*?\S)?)\1(?![\w*_])} replaced by {@code $2} did,
     * match for match. That regex read the rest of the line again from every opening mark
     * without a close; this scan knows, for each place, the next place a close could be.
     */
    static String withoutEmphasis(String text) {
        int n = text.length();
        int[] nextStar = closes(text, '*');
        int[] nextUnderscore = closes(text, '_');
        int[] nextNewline = new int[n + 1];
        nextNewline[n] = n;
        for (int i = n - 1; i >= 0; i--) {
            nextNewline[i] = text.charAt(i) == '\n' ? i : nextNewline[i + 1];
        }
        StringBuilder out = new StringBuilder(n);
        int i = 0;
        while (i < n) {
            char mark = text.charAt(i);
            boolean opens = (mark == '*' || mark == '_')
                    && (i == 0 || !isWordOrMark(text.charAt(i - 1)))
                    && i + 2 < n
                    && !isSpace(text.charAt(i + 1));
            if (opens) {
                int[] next = mark == '*' ? nextStar : nextUnderscore;
                // The regex tried two or more characters (code points) between the marks first,
                // shortest first, and one only when no longer text on the line closed.
                int afterFirst = i + 1 + Character.charCount(text.codePointAt(i + 1));
                int close = next[Math.min(afterFirst + 1, n)];
                if (close >= nextNewline[i + 1]) {
                    close = afterFirst < n && next[afterFirst] == afterFirst ? afterFirst : n;
                }
                if (close < n) {
                    out.append(text, i + 1, close);
                    i = close + 1;
                    continue;
                }
            }
            out.append(mark);
            i++;
        }
        return out.toString();
    }

    /**
     * For each place, the first place at or after it where {@code mark} can close emphasis:
     * the mark after a non-space, not followed by a word character or a mark; {@code n} if none.
     */
    private static int[] closes(String text, char mark) {
        int n = text.length();
        int[] next = new int[n + 1];
        next[n] = n;
        for (int j = n - 1; j >= 0; j--) {
            boolean closes = text.charAt(j) == mark
                    && j > 0
                    && !isSpace(text.charAt(j - 1))
                    && (j + 1 == n || !isWordOrMark(text.charAt(j + 1)));
            next[j] = closes ? j : next[j + 1];
        }
        return next;
    }

    /** {@code \w}, {@code *} or {@code _}: what may not touch a mark on its outer side. */
    private static boolean isWordOrMark(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '*';
    }

    /** The regex's {@code \s}: ASCII whitespace only, as java.util.regex has it by default. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }
}
