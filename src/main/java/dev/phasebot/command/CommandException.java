package dev.phasebot.command;

import dev.phasebot.message.Doc;
import dev.phasebot.message.PlainText;
import dev.phasebot.message.Refusal;

/**
 * Bad input or a refused permission. Its answer is shown to the caller as it is (ephemeral
 * in Slack), so it says what was wrong and how to do it right; nothing was changed.
 */
public final class CommandException extends RuntimeException {

    private final String field;
    private final Doc answer;

    /** The message, for logs and tests, is the answer as plain text; each surface renders the doc itself. */
    public CommandException(String field, Doc answer) {
        super(PlainText.withUserIds().render(answer), null, false, false);
        this.field = field;
        this.answer = answer;
    }

    /** The grammar's own answer to words it cannot run (usage, "did you mean", who may): it names no input. */
    static CommandException of(Doc answer) {
        return new CommandException(null, answer);
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
}
