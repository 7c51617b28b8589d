package dev.phasebot.message;

import java.util.ArrayList;
import java.util.List;

/**
 * Something the bot says, and where: a {@link Doc} that each surface renders its own way
 * (Block Kit in Slack, plain text on the console).
 */
public record Message(Destination destination, Doc doc) {

    public static Message of(Destination destination, Doc doc) {
        return new Message(destination, doc);
    }

    /**
     * Mrkdwn built as one string, user text already escaped: the form messages had before
     * they were values, still read from rows queued by an older version.
     */
    public Message(Destination destination, String mrkdwn, List<Button> buttons) {
        this(destination, legacy(mrkdwn, buttons));
    }

    /** See {@link #Message(Destination, String, List)}. */
    public static Message of(Destination destination, String mrkdwn) {
        return new Message(destination, mrkdwn, List.of());
    }

    public List<Button> buttons() {
        return doc.buttons();
    }

    /**
     * The text for logs and tests: a legacy message's mrkdwn as it was, any other as plain
     * text with Slack users by id.
     */
    public String text() {
        return legacyText(doc).orElseGet(() -> PlainText.withUserIds().render(doc));
    }

    /** The mrkdwn of a doc that is only a legacy block (and its buttons). */
    public static java.util.Optional<String> legacyText(Doc doc) {
        List<Block> text =
                doc.blocks().stream().filter(b -> !(b instanceof Block.Actions)).toList();
        return text.size() == 1 && text.get(0) instanceof Block.Legacy legacy
                ? java.util.Optional.of(legacy.mrkdwn())
                : java.util.Optional.empty();
    }

    private static Doc legacy(String mrkdwn, List<Button> buttons) {
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Legacy(mrkdwn));
        if (!buttons.isEmpty()) {
            blocks.add(new Block.Actions(buttons));
        }
        return new Doc(blocks);
    }
}
