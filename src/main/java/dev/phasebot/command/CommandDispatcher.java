package dev.phasebot.command;

import dev.phasebot.incident.IncidentCommands;
import dev.phasebot.standup.StandupCommands;
import java.util.Locale;

/** Routes a slash command to its feature; adapters call only this. */
public final class CommandDispatcher {

    public static final String STANDUP = "/standup";
    public static final String INCIDENT = "/incident";

    private final StandupCommands standup;
    private final IncidentCommands incident;

    public CommandDispatcher(StandupCommands standup, IncidentCommands incident) {
        this.standup = standup;
        this.incident = incident;
    }

    public StandupCommands standup() {
        return standup;
    }

    public IncidentCommands incident() {
        return incident;
    }

    /** Runs a command; {@link CommandException} carries the caller's error message. */
    public CommandReply handle(Caller caller, String command, String text) {
        return switch (command.toLowerCase(Locale.ROOT)) {
            case STANDUP -> standup.handle(caller, text);
            case INCIDENT -> incident.handle(caller, text);
            default -> throw new CommandException("Unknown command " + command
                    + ". Try `/standup help` or `/incident help`.");
        };
    }
}
