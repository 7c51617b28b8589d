package dev.phasebot.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import dev.phasebot.message.Block;
import dev.phasebot.message.Block.Button;
import dev.phasebot.message.Doc;
import dev.phasebot.message.Line;
import dev.phasebot.message.PlainText;
import dev.phasebot.message.SafeText;
import dev.phasebot.message.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Doc} as Block Kit, within Slack's limits: a header for the heading, sections for
 * text (at most 3,000 characters each, split at line ends), section fields (ten at most, 2,000
 * characters each), a context line, actions. A doc longer than one message takes (50 blocks,
 * {@link PartSplitter#MAX_PART_CHARS} characters) comes out as several parts, each a message of
 * its own, cut where a small change to the doc leaves them ({@link PartSplitter}); the first is
 * the message, the rest go in its thread. A posted part carries a plain-text fallback of one line
 * saying what it is ({@link Doc#summary}): what a phone's notification shows, never the buttons
 * (they are in the blocks) nor the whole doc. An answer to a command keeps its whole text as its
 * fallback, less the buttons: it notifies nobody.
 */
final class SlackBlocks {

    static final int MAX_BLOCKS = PartSplitter.MAX_BLOCKS;
    static final int SECTION_LIMIT = 3_000;
    static final int FIELD_LIMIT = 2_000;
    static final int MAX_FIELDS = 10;
    static final int HEADER_LIMIT = 150;
    static final int BUTTON_LABEL_LIMIT = 75;
    static final int FALLBACK_LIMIT = 3_000;
    /** A notification shows about this much of one line; the blocks have the rest. */
    static final int SUMMARY_LIMIT = 300;

    /** One Slack message: its fallback text and its blocks. */
    record Part(String text, List<LayoutBlock> blocks) {}

    /** Blocks as the Web API client sends them; Gson is thread-safe and this one is never changed. */
    private static final com.google.gson.Gson BLOCKS_JSON = com.slack.api.util.json.GsonFactory.createSnakeCase();

    private SlackBlocks() {}

    static List<Part> render(Doc doc) {
        List<Part> parts = new ArrayList<>();
        for (PartSplitter.Piece piece : PartSplitter.split(doc)) {
            parts.add(new Part(fallback(piece.doc()), List.copyOf(piece.blocks())));
        }
        return parts;
    }

    /**
     * A post's fallback: its one-line summary, as plain text. Slack reads the fallback as mrkdwn
     * too: escaped, or a user's {@code <!channel>} would ping everyone.
     */
    static String fallback(Doc doc) {
        String line = PlainText.withUserIds()
                .render(doc.summary())
                .replaceAll("\\s+", " ")
                .strip();
        return SafeText.escape(clip(line, SUMMARY_LIMIT));
    }

    /**
     * As {@link #render}, with neighbouring parts joined while the join still fits one message.
     * For answers to the one who asked: they are never edited, so cuts that stay put as the doc
     * changes buy nothing, and Slack takes only a few follow-up messages to one request.
     */
    static List<Part> renderPacked(Doc doc) {
        List<PartSplitter.Piece> packed = new ArrayList<>();
        for (PartSplitter.Piece piece : PartSplitter.split(doc)) {
            PartSplitter.Piece last = packed.isEmpty() ? null : packed.get(packed.size() - 1);
            if (last != null) {
                List<LayoutBlock> joined = new ArrayList<>(last.blocks());
                joined.addAll(piece.blocks());
                if (PartSplitter.fits(joined)) {
                    List<Block> blocks = new ArrayList<>(last.doc().blocks());
                    blocks.addAll(piece.doc().blocks());
                    packed.set(packed.size() - 1, new PartSplitter.Piece(new Doc(blocks), joined));
                    continue;
                }
            }
            packed.add(piece);
        }
        List<Part> parts = new ArrayList<>();
        for (PartSplitter.Piece piece : packed) {
            Doc withoutButtons = new Doc(piece.doc().blocks().stream()
                    .filter(b -> !(b instanceof Block.Actions))
                    .toList());
            // Slack reads the fallback as mrkdwn too: escaped, or a user's <!channel> would ping everyone.
            parts.add(new Part(
                    SafeText.escape(clip(PlainText.withUserIds().render(withoutButtons), FALLBACK_LIMIT)),
                    List.copyOf(piece.blocks())));
        }
        return parts;
    }

    /** The doc's blocks as Block Kit, in one list, whatever its length. */
    static List<LayoutBlock> blocks(Doc doc) {
        List<LayoutBlock> blocks = new ArrayList<>();
        for (Block block : doc.blocks()) {
            add(block, blocks);
        }
        return blocks;
    }

    /** The characters of text the blocks show: what Slack counts towards a message's length. */
    static int textLength(List<LayoutBlock> blocks) {
        int length = 0;
        for (LayoutBlock block : blocks) {
            if (block instanceof HeaderBlock h) {
                length += length(h.getText());
            } else if (block instanceof SectionBlock s) {
                length += length(s.getText());
                if (s.getFields() != null) {
                    length +=
                            s.getFields().stream().mapToInt(SlackBlocks::length).sum();
                }
            } else if (block instanceof ContextBlock c) {
                length += c.getElements().stream()
                        .mapToInt(e -> e instanceof TextObject t ? length(t) : 0)
                        .sum();
            } else if (block instanceof ActionsBlock a) {
                length += a.getElements().stream()
                        .mapToInt(e -> e instanceof ButtonElement b ? length(b.getText()) : 0)
                        .sum();
            }
        }
        return length;
    }

    private static int length(TextObject text) {
        if (text instanceof MarkdownTextObject m) {
            return m.getText() == null ? 0 : m.getText().length();
        }
        if (text instanceof PlainTextObject p) {
            return p.getText() == null ? 0 : p.getText().length();
        }
        return 0;
    }

    /**
     * What a part says, as a fingerprint: SHA-256 of its fallback text and its blocks as Slack
     * gets them. An edit leaves a part whose fingerprint is unchanged alone.
     */
    static String digest(Part part) {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            sha.update(part.text().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            sha.update((byte) 0);
            if (part.blocks() != null) {
                sha.update(BLOCKS_JSON.toJson(part.blocks()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            return java.util.HexFormat.of().formatHex(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
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
                List<TextObject> fields =
                        f.fields().subList(from, Math.min(f.fields().size(), from + MAX_FIELDS)).stream()
                                .map(x -> (TextObject) markdownText(clip(
                                        "*" + SafeText.escape(x.label()) + "*\n" + mrkdwn(x.value()), FIELD_LIMIT)))
                                .toList();
                blocks.add(section(s -> s.fields(fields)));
            }
        } else if (block instanceof Block.Context c) {
            String text = clip(mrkdwn(c.line()), SECTION_LIMIT);
            blocks.add(context(List.of(markdownText(text))));
        } else if (block instanceof Block.Actions a) {
            blocks.add(buttons(a.buttons()));
        } else {
            blocks.add(divider());
        }
    }

    private static LayoutBlock buttons(List<Button> buttons) {
        List<BlockElement> elements = new ArrayList<>();
        buttons.forEach(b -> elements.add(button(
                x -> x.actionId(b.actionId()).value(b.value()).text(plainText(clip(b.label(), BUTTON_LABEL_LIMIT))))));
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
                out.append(
                        c.text().isBlank() ? "" : "`" + SafeText.escape(c.text().replace('`', '\'')) + "`");
            } else if (span instanceof Span.SlackUser u) {
                out.append("<@").append(u.userId()).append('>');
            } else if (span instanceof Span.SlackChannel ch) {
                out.append("<#").append(ch.channelId()).append('>');
            } else {
                out.append(':').append(((Span.Mark) span).symbol().emoji()).append(':');
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

    /** Plain text for a header: marks as emoji codes (headers show them), no other markup. */
    private static String plain(Line line) {
        StringBuilder out = new StringBuilder();
        for (Span span : line.spans()) {
            if (span instanceof Span.Mark m) {
                out.append(':').append(m.symbol().emoji()).append(':');
            } else if (span instanceof Span.SlackUser u) {
                out.append('@').append(u.userId());
            } else if (span instanceof Span.SlackChannel ch) {
                out.append('#').append(ch.channelId());
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

    private static String clip(String text, int limit) {
        return text.length() <= limit ? text : text.substring(0, limit - 1) + "…";
    }
}
