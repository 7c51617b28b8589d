package dev.phasebot.message;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * A part of a message, by what it is for. Slack renders each as its Block Kit counterpart
 * (header, section, fields, context, actions, divider); the console as plain lines.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Block.Heading.class, name = "heading"),
    @JsonSubTypes.Type(value = Block.Paragraph.class, name = "paragraph"),
    @JsonSubTypes.Type(value = Block.Bullets.class, name = "bullets"),
    @JsonSubTypes.Type(value = Block.Fields.class, name = "fields"),
    @JsonSubTypes.Type(value = Block.Context.class, name = "context"),
    @JsonSubTypes.Type(value = Block.Actions.class, name = "actions"),
    @JsonSubTypes.Type(value = Block.Divider.class, name = "divider")
})
public sealed interface Block {

    /** The message's title: one short line. */
    record Heading(Line line) implements Block {}

    /** Running text; may hold several lines. */
    record Paragraph(List<Line> lines) implements Block {
        public Paragraph {
            lines = List.copyOf(lines);
        }
    }

    /** A titled list, such as "Blockers and dependencies" with one item per agent. */
    record Bullets(Line title, List<Line> items) implements Block {
        public Bullets {
            items = List.copyOf(items);
        }
    }

    /** Label and value pairs shown side by side, such as "Assignee" and "Area owner". */
    record Fields(List<Field> fields) implements Block {
        public Fields {
            fields = List.copyOf(fields);
        }
    }

    /** Small print under the rest: when, by whom, how late. */
    record Context(Line line) implements Block {}

    /** What the reader can do: buttons in Slack, the command to type on the console. */
    record Actions(List<Button> buttons) implements Block {
        public Actions {
            buttons = List.copyOf(buttons);
        }
    }

    record Divider() implements Block {}

    /** One label and its value. */
    record Field(String label, Line value) {}

    /** An action a reader can take on a message; {@code command} is what the console shows instead. */
    record Button(String actionId, String label, String value, String command) {}
}
