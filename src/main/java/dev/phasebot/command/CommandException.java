package dev.phasebot.command;

/**
 * Bad input or a refused permission. Its message is shown to the caller as it is (ephemeral
 * in Slack), so it says what was wrong and how to do it right; nothing was changed.
 */
public final class CommandException extends RuntimeException {

    public CommandException(String message) {
        super(message);
    }
}
