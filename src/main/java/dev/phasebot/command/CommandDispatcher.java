package dev.phasebot.command;

import dev.phasebot.standup.StandupCommands;
import java.util.Locale;

/** Routes a slash command to its feature; adapters call only this. */
public final class CommandDispatcher {

    public static final String STANDUP = "/standup";

    private final StandupCommands standup;

    public CommandDispatcher(StandupCommands standup) {
        this.standup = standup;
    }

    public StandupCommands standup() {
        return standup;
    }

    /** Runs a command; {@link CommandException} carries the caller's error message. */
    public CommandReply handle(Caller caller, String command, String text) {
        return switch (command.toLowerCase(Locale.ROOT)) {
            case STANDUP -> standup.handle(caller, text);
            default -> throw new CommandException("Unknown command " + command + ". Try `/standup help`.");
        };
    }
}
