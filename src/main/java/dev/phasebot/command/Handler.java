package dev.phasebot.command;

/** What a subcommand does once its arguments are read and its caller allowed. */
@FunctionalInterface
public interface Handler {

    /** @throws CommandException when the request cannot be done; nothing was changed */
    CommandReply run(Invocation invocation);
}
