package dev.phasebot.command;

import dev.phasebot.message.Doc;
import dev.phasebot.message.Mrkdwn;
import dev.phasebot.message.PlainText;
import dev.phasebot.message.Refusal;

/**
 * Bad input or a refused permission. Its answer is shown to the caller as it is (ephemeral
 * in Slack), so it says what was wrong and how to do it right; nothing was changed.
 */
public final class CommandException extends RuntimeException {

    private final String field;
    private final Doc answer;
    private final boolean usage;

    public CommandException(String field, Doc answer) {
        this(field, answer, false);
    }

    private CommandException(String field, Doc answer, boolean usage) {
        super(usage ? Mrkdwn.text(answer) : PlainText.withUserIds().render(answer), null, false, false);
        this.field = field;
        this.answer = answer;
        this.usage = usage;
    }

    /**
     * The grammar's own answer to words it cannot run (usage, "did you mean", who may): short
     * text quoting commands, whose message is its mrkdwn (see {@link CommandReply.Text#usage}).
     */
    static CommandException usage(Doc answer) {
        return new CommandException(null, answer, true);
    }

    /** The core's refusal, as the command layer passes it on. */
    static CommandException of(Refusal refusal) {
        return new CommandException(refusal.field(), refusal.answer());
    }

    /** The input it concerns, when the core named one (a form shows it next to that field). */
    public String field() {
        return field;
    }

    public Doc answer() {
        return answer;
    }

    /** Whether this is the grammar's own short answer, which Slack shows as a text-only message. */
    public boolean isUsage() {
        return usage;
    }
}
