package dev.phasebot.message;

import java.util.List;

/**
 * Something the bot says. {@code text} is Slack mrkdwn in which every piece of user text has
 * already passed through {@link SafeText#escape}; the console unescapes it for display.
 */
public record Message(Destination destination, String text, List<Button> buttons) {

    public Message {
        buttons = List.copyOf(buttons);
    }

    public static Message of(Destination destination, String text) {
        return new Message(destination, text, List.of());
    }
}
