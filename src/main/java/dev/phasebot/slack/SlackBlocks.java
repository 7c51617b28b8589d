package dev.phasebot.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import dev.phasebot.message.Block;
import dev.phasebot.message.Button;
import dev.phasebot.message.Doc;
import dev.phasebot.message.Line;
import dev.phasebot.message.Message;
import dev.phasebot.message.PlainText;
import dev.phasebot.message.SafeText;
import dev.phasebot.message.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Doc} as Block Kit, within Slack's limits: a header for the heading, sections for
 * text (at most 3,000 characters each, split at line ends), section fields (ten at most, 2,000
 * characters each), a context line, actions. A doc longer than 50 blocks comes out as several
 * parts, each a message of its own; the first is the message, the rest go in its thread.
 * Every part carries a plain-text fallback for notifications and screen readers.
 */
final class SlackBlocks {

    static final int MAX_BLOCKS = 50;
    static final int SECTION_LIMIT = 3_000;
    static final int FIELD_LIMIT = 2_000;
    static final int MAX_FIELDS = 10;
    static final int HEADER_LIMIT = 150;
    static final int BUTTON_LABEL_LIMIT = 75;
    static final int FALLBACK_LIMIT = 3_000;

    /** One Slack message: its fallback text and its blocks (null for a legacy text-only message). */
    record Part(String text, List<LayoutBlock> blocks) {
    }

    private SlackBlocks() {
    }

    static List<Part> render(Doc doc) {
        var legacy = Message.legacyText(doc);
        if (legacy.isPresent()) {
            return List.of(legacy(legacy.get(), doc.buttons()));
        }
        List<LayoutBlock> blocks = new ArrayList<>();
        for (Block block : doc.blocks()) {
            add(block, blocks);
        }
        // Slack reads the fallback as mrkdwn too: escaped, or a user's <!channel> would ping everyone.
        String fallback = SafeText.escape(clip(PlainText.withUserIds().render(doc), FALLBACK_LIMIT));
        List<Part> parts = new ArrayList<>();
        for (int from = 0; from < blocks.size(); from += MAX_BLOCKS) {
            parts.add(new Part(from == 0 ? fallback : "(continued)",
                    List.copyOf(blocks.subList(from, Math.min(blocks.size(), from + MAX_BLOCKS)))));
        }
        return parts.isEmpty() ? List.of(new Part(fallback, List.of())) : parts;
    }

    /** The mrkdwn of messages built before they were values: text as before, blocks only for buttons. */
    private static Part legacy(String mrkdwn, List<Button> buttons) {
        if (buttons.isEmpty()) {
            return new Part(mrkdwn, null);
        }
        List<LayoutBlock> blocks = new ArrayList<>(SlackViews.sections(mrkdwn));
        blocks.add(buttons(buttons));
        return new Part(mrkdwn, blocks);
    }

    private static void add(Block block, List<LayoutBlock> blocks) {
        if (block instanceof Block.Heading h) {
            String text = clip(plain(h.line()), HEADER_LIMIT);
            blocks.add(header(x -> x.text(plainText(p -> p.text(text).emoji(true)))));
        } else if (block instanceof Block.Paragraph p) {
            sections(p.lines().stream().map(SlackBlocks::mrkdwn).toList(), blocks);
        } else if (block instanceof Block.Bullets b) {
            List<String> lines = new ArrayList<>();
            if (!b.title().isEmpty()) {
                lines.add("*" + mrkdwn(b.title()) + "*");
            }
            b.items().forEach(item -> lines.add("• " + mrkdwn(item)));
            sections(lines, blocks);
        } else if (block instanceof Block.Fields f) {
            for (int from = 0; from < f.fields().size(); from += MAX_FIELDS) {
                List<TextObject> fields = f.fields().subList(from, Math.min(f.fields().size(), from + MAX_FIELDS))
                        .stream().map(x -> (TextObject) markdownText(clip("*" + SafeText.escape(x.label()) + "*\n"
                                + mrkdwn(x.value()), FIELD_LIMIT))).toList();
                blocks.add(section(s -> s.fields(fields)));
            }
        } else if (block instanceof Block.Context c) {
            String text = clip(mrkdwn(c.line()), SECTION_LIMIT);
            blocks.add(context(List.of(markdownText(text))));
        } else if (block instanceof Block.Actions a) {
            blocks.add(buttons(a.buttons()));
        } else if (block instanceof Block.Divider) {
            blocks.add(divider());
        } else {
            blocks.addAll(SlackViews.sections(((Block.Legacy) block).mrkdwn()));
        }
    }

    private static LayoutBlock buttons(List<Button> buttons) {
        List<BlockElement> elements = new ArrayList<>();
        buttons.forEach(b -> elements.add(button(x -> x.actionId(b.actionId()).value(b.value())
                .text(plainText(clip(b.label(), BUTTON_LABEL_LIMIT))))));
        return actions(a -> a.elements(elements));
    }

    /** Lines into as few sections as fit, never splitting a line unless it alone is too long. */
    private static void sections(List<String> lines, List<LayoutBlock> blocks) {
        SlackViews.sections(String.join("\n", lines)).forEach(blocks::add);
    }

    /** A line as mrkdwn: every piece of text escaped, emphasis by what the span is. */
    static String mrkdwn(Line line) {
        StringBuilder out = new StringBuilder();
        for (Span span : line.spans()) {
            if (span instanceof Span.Words w) {
                out.append(SafeText.escape(w.text()));
            } else if (span instanceof Span.Strong s) {
                out.append(wrap('*', s.text()));
            } else if (span instanceof Span.Aside a) {
                out.append(wrap('_', a.text()));
            } else if (span instanceof Span.Code c) {
                out.append(c.text().isBlank() ? "" : "`" + SafeText.escape(c.text().replace('`', '\'')) + "`");
            } else if (span instanceof Span.SlackUser u) {
                out.append("<@").append(u.userId()).append('>');
            } else {
                out.append(':').append(((Span.Mark) span).symbol().emoji()).append(':');
            }
        }
        return out.toString();
    }

    /** Plain text for a header: marks as emoji codes (headers show them), no other markup. */
    private static String plain(Line line) {
        StringBuilder out = new StringBuilder();
        for (Span span : line.spans()) {
            if (span instanceof Span.Mark m) {
                out.append(':').append(m.symbol().emoji()).append(':');
            } else if (span instanceof Span.SlackUser u) {
                out.append('@').append(u.userId());
            } else if (span instanceof Span.Words w) {
                out.append(w.text());
            } else if (span instanceof Span.Strong st) {
                out.append(st.text());
            } else if (span instanceof Span.Aside a) {
                out.append(a.text());
            } else {
                out.append(((Span.Code) span).text());
            }
        }
        return out.toString();
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

    private static String clip(String text, int limit) {
        return text.length() <= limit ? text : text.substring(0, limit - 1) + "…";
    }
}
