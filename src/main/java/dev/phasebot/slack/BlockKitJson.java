package dev.phasebot.slack;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.JsonOps;
import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.ContextBlockElement;
import com.slack.api.model.block.DividerBlock;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The JSON of an ephemeral answer to a slash command, written straight from the blocks
 * {@link SlackBlocks} makes. Bolt's own ack serializes them with Gson through a JSON tree per
 * block, which cost a status request more than reading the store did; this writes the same
 * JSON (a test holds the two equal) in one pass. A block of a kind, or with a field, that
 * {@link SlackBlocks} never makes is left to Gson, so nothing is ever dropped.
 */
final class BlockKitJson {

    private static final JsonFactory JSON = new JsonFactory();

    private BlockKitJson() {}

    /** The ack of a slash command with an answer only the caller sees. */
    static Response ephemeral(SlackBlocks.Part part) {
        return ack(ephemeralJson(part));
    }

    /** A slash command's ack with the body {@link #ephemeralJson} wrote. */
    static Response ack(String json) {
        return Response.json(200, json);
    }

    /** The body of {@link #ephemeral}. */
    static String ephemeralJson(SlackBlocks.Part part) {
        if (part.blocks() != null && !part.blocks().stream().allMatch(BlockKitJson::isPlain)) {
            // What Bolt's ctx.ack would send
            return JsonOps.toJsonString(SlashCommandResponse.builder()
                    .responseType("ephemeral")
                    .text(part.text())
                    .blocks(part.blocks())
                    .build());
        }
        StringBuilder out = new StringBuilder(1024);
        try (JsonGenerator json = JSON.createGenerator(new Appending(out))) {
            json.writeStartObject();
            json.writeStringField("response_type", "ephemeral");
            json.writeStringField("text", part.text());
            if (part.blocks() != null) {
                json.writeArrayFieldStart("blocks");
                for (LayoutBlock block : part.blocks()) {
                    write(block, json);
                }
                json.writeEndArray();
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a string", e);
        }
        return out.toString();
    }

    /** A block of the kinds, and with only the fields, that {@link #write} writes. */
    static boolean isPlain(LayoutBlock block) {
        if (block instanceof SectionBlock s) {
            return s.getBlockId() == null
                    && s.getAccessory() == null
                    && s.getExpand() == null
                    && (s.getText() == null || isPlain(s.getText()))
                    && (s.getFields() == null || s.getFields().stream().allMatch(BlockKitJson::isPlain));
        }
        if (block instanceof HeaderBlock h) {
            return h.getBlockId() == null;
        }
        if (block instanceof ContextBlock c) {
            return c.getBlockId() == null
                    && c.getElements().stream().allMatch(e -> e instanceof TextObject t && isPlain(t));
        }
        if (block instanceof ActionsBlock a) {
            return a.getBlockId() == null
                    && a.getElements().stream()
                            .allMatch(e -> e instanceof ButtonElement b
                                    && b.getUrl() == null
                                    && b.getStyle() == null
                                    && b.getConfirm() == null
                                    && b.getAccessibilityLabel() == null);
        }
        return block instanceof DividerBlock d && d.getBlockId() == null;
    }

    private static boolean isPlain(TextObject text) {
        return text instanceof MarkdownTextObject || text instanceof PlainTextObject;
    }

    private static void write(LayoutBlock block, JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeStringField("type", block.getType());
        if (block instanceof SectionBlock s) {
            if (s.getText() != null) {
                json.writeFieldName("text");
                write(s.getText(), json);
            }
            if (s.getFields() != null) {
                json.writeArrayFieldStart("fields");
                for (TextObject field : s.getFields()) {
                    write(field, json);
                }
                json.writeEndArray();
            }
        } else if (block instanceof HeaderBlock h) {
            if (h.getText() != null) {
                json.writeFieldName("text");
                write(h.getText(), json);
            }
        } else if (block instanceof ContextBlock c) {
            json.writeArrayFieldStart("elements");
            for (ContextBlockElement element : c.getElements()) {
                write((TextObject) element, json);
            }
            json.writeEndArray();
        } else if (block instanceof ActionsBlock a) {
            writeButtons(a.getElements(), json);
        }
        json.writeEndObject();
    }

    private static void writeButtons(List<BlockElement> elements, JsonGenerator json) throws IOException {
        json.writeArrayFieldStart("elements");
        for (BlockElement element : elements) {
            ButtonElement button = (ButtonElement) element;
            json.writeStartObject();
            json.writeStringField("type", button.getType());
            if (button.getText() != null) {
                json.writeFieldName("text");
                write(button.getText(), json);
            }
            writeIfSet("action_id", button.getActionId(), json);
            writeIfSet("value", button.getValue(), json);
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void write(TextObject text, JsonGenerator json) throws IOException {
        json.writeStartObject();
        if (text instanceof MarkdownTextObject m) {
            json.writeStringField("type", m.getType());
            writeIfSet("text", m.getText(), json);
            if (m.getVerbatim() != null) {
                json.writeBooleanField("verbatim", m.getVerbatim());
            }
        } else {
            PlainTextObject p = (PlainTextObject) text;
            json.writeStringField("type", p.getType());
            writeIfSet("text", p.getText(), json);
            if (p.getEmoji() != null) {
                json.writeBooleanField("emoji", p.getEmoji());
            }
        }
        json.writeEndObject();
    }

    /** A writer onto a StringBuilder: StringWriter's StringBuffer takes a lock for every string written. */
    private static final class Appending extends java.io.Writer {

        private final StringBuilder out;

        Appending(StringBuilder out) {
            this.out = out;
        }

        @Override
        public void write(char[] chars, int offset, int length) {
            out.append(chars, offset, length);
        }

        @Override
        public void write(String text, int offset, int length) {
            out.append(text, offset, offset + length);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }

    private static void writeIfSet(String field, String value, JsonGenerator json) throws IOException {
        if (value != null) {
            json.writeStringField(field, value);
        }
    }
}
