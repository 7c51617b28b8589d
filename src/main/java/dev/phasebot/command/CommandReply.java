package dev.phasebot.command;

/**
 * What a command answers the caller: text only they see, or (declared by a feature) a form
 * the adapter opens, such as the standup modal. Adapters render each kind they know.
 */
public interface CommandReply {

    /** An ephemeral answer (mrkdwn, user text already escaped). */
    record Text(String text) implements CommandReply {
    }

    static CommandReply text(String text) {
        return new Text(text);
    }
}
