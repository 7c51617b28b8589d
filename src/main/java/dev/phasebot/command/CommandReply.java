package dev.phasebot.command;

import dev.phasebot.message.Doc;
import dev.phasebot.message.Mrkdwn;
import dev.phasebot.message.PlainText;

/**
 * What a command answers the caller: a doc only they see, or (declared by a feature) a form
 * the adapter opens, such as the standup modal. Adapters render each kind they know.
 */
public interface CommandReply {

    /**
     * An ephemeral answer. {@code usage} marks the grammar's own answers (help, usage errors,
     * "did you mean"): short text quoting commands, which Slack shows as a text-only message and
     * logs and tests read as mrkdwn, commands in backticks, as they always have.
     */
    record Text(Doc doc, boolean usage) implements CommandReply {

        public Text(Doc doc) {
            this(doc, false);
        }

        /** The answer as one string for logs and tests: a usage answer as mrkdwn, any other as plain text. */
        public String text() {
            return usage ? Mrkdwn.text(doc) : PlainText.withUserIds().render(doc);
        }
    }

    static CommandReply of(Doc doc) {
        return new Text(doc);
    }
}
