package dev.phasebot.command;

import dev.phasebot.message.Doc;
import dev.phasebot.message.PlainText;

/**
 * What a command answers the caller: a doc only they see, or (declared by a feature) a form
 * the adapter opens, such as the standup modal. Adapters render each kind they know.
 */
public interface CommandReply {

    /** An ephemeral answer. */
    record Text(Doc doc) implements CommandReply {

        /** The answer as plain text, for logs and tests. */
        public String text() {
            return PlainText.withUserIds().render(doc);
        }
    }

    static CommandReply of(Doc doc) {
        return new Text(doc);
    }
}
