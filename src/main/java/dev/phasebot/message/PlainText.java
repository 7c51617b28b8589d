package dev.phasebot.message;

import java.util.List;
import java.util.function.Function;

/**
 * A {@link Doc} as plain text: what the console prints and what Slack shows in a
 * notification. No markup of any surface: names instead of mentions, no emphasis marks,
 * no backticks, no emoji codes; lists indented, fields aligned.
 */
public final class PlainText {

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
        if (span instanceof Span.SlackChannel c) {
            return "#" + c.channelId();
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
}
