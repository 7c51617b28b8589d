package dev.phasebot.message;

import dev.phasebot.message.Block.Button;
import java.util.List;

/**
 * Something the bot says, and where: a {@link Doc} that each surface renders its own way
 * (Block Kit in Slack, plain text on the console).
 */
public record Message(Destination destination, Doc doc) {

    public static Message of(Destination destination, Doc doc) {
        return new Message(destination, doc);
    }

    public List<Button> buttons() {
        return doc.buttons();
    }

    /** The text for logs and tests: plain text with Slack users by id. */
    public String text() {
        return PlainText.withUserIds().render(doc);
    }
}
