package dev.phasebot.message;

import java.util.ArrayList;
import java.util.List;

/**
 * Lines as Slack's mrkdwn: every piece of text escaped, emphasis by what the span is. Slack's
 * renderer builds its sections from it; the command grammar's short answers are also logged in
 * it, the form they have always had in logs and tests (commands in backticks).
 */
public final class Mrkdwn {

    private Mrkdwn() {}

    /** One line as mrkdwn. */
    public static String line(Line line) {
        StringBuilder out = new StringBuilder();
        for (Span span : line.spans()) {
            if (span instanceof Span.Words w) {
                out.append(SafeText.escape(w.text()));
            } else if (span instanceof Span.Strong s) {
                out.append(wrap('*', s.text()));
            } else if (span instanceof Span.Aside a) {
                out.append(wrap('_', a.text()));
            } else if (span instanceof Span.Code c) {
                out.append(
                        c.text().isBlank() ? "" : "`" + SafeText.escape(c.text().replace('`', '\'')) + "`");
            } else if (span instanceof Span.SlackUser u) {
                out.append("<@").append(u.userId()).append('>');
            } else {
                out.append(':').append(((Span.Mark) span).symbol().emoji()).append(':');
            }
        }
        return out.toString();
    }

    /** The text of a doc's blocks as mrkdwn, one line each; actions and dividers show nothing. */
    public static String text(Doc doc) {
        List<String> lines = new ArrayList<>();
        for (Block block : doc.blocks()) {
            if (block instanceof Block.Heading h) {
                lines.add(line(h.line()));
            } else if (block instanceof Block.Paragraph p) {
                p.lines().forEach(l -> lines.add(line(l)));
            } else if (block instanceof Block.Bullets b) {
                if (!b.title().isEmpty()) {
                    lines.add("*" + line(b.title()) + "*");
                }
                b.items().forEach(item -> lines.add("• " + line(item)));
            } else if (block instanceof Block.Fields f) {
                f.fields().forEach(x -> lines.add("*" + SafeText.escape(x.label()) + "* " + line(x.value())));
            } else if (block instanceof Block.Context c) {
                lines.add(line(c.line()));
            }
        }
        return String.join("\n", lines);
    }

    /** {@code *bold*} needs no space inside the marks, or Slack shows the marks as they are. */
    private static String wrap(char mark, String text) {
        String inner = text.strip();
        if (inner.isEmpty()) {
            return SafeText.escape(text);
        }
        int lead = text.indexOf(inner);
        return text.substring(0, lead) + mark + SafeText.escape(inner) + mark + text.substring(lead + inner.length());
    }
}
