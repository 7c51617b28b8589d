package dev.phasebot.message;

import dev.phasebot.message.Block.Button;
import java.util.List;

/**
 * Something the bot says, and where: a {@link Doc} that each surface renders its own way
 * (Block Kit in Slack, plain text on the console). A message to a pager also carries the
 * {@link Page} itself, which the pager's transport sends as its own JSON; its doc is the page's
 * text, for logs and a console. A message with an {@link Upload} posts that file, its doc the
 * comment that goes with it. A message with a {@link RoomAct} does that to an incident's room
 * instead of posting; its doc says what, for logs and the console.
 */
public record Message(Destination destination, Doc doc, Page page, Upload upload, RoomAct room) {

    public Message(Destination destination, Doc doc, Page page, Upload upload) {
        this(destination, doc, page, upload, null);
    }

    public Message(Destination destination, Doc doc) {
        this(destination, doc, null, null);
    }

    public Message(Destination destination, Doc doc, Page page) {
        this(destination, doc, page, null);
    }

    public static Message of(Destination destination, Doc doc) {
        return new Message(destination, doc);
    }

    /** {@code page} for {@code pager}. */
    public static Message page(Destination.Pager pager, Page page) {
        return new Message(pager, page.doc(), page);
    }

    /** {@code file} posted to {@code destination}, with {@code comment} said along with it. */
    public static Message upload(Destination destination, Doc comment, Upload file) {
        return new Message(destination, comment, null, file);
    }

    /** {@code act} on an incident's room (create it, invite, set its topic, pin, archive); {@code doc} says it in words. */
    public static Message roomAct(Destination.Room room, Doc doc, RoomAct act) {
        return new Message(room, doc, null, null, act);
    }

    /** The same message, to {@code to} (a room once its Slack id is known). */
    public Message to(Destination to) {
        return new Message(to, doc, page, upload, room);
    }

    public List<Button> buttons() {
        return doc.buttons();
    }

    /** The text for logs and tests: plain text with Slack users by id. */
    public String text() {
        return PlainText.withUserIds().render(doc);
    }
}
