package dev.phasebot.command;

import dev.phasebot.incident.IncidentCommands;
import dev.phasebot.plan.PlanCommands;
import dev.phasebot.review.ReviewCommands;
import dev.phasebot.standup.StandupCommands;
import java.util.Locale;

/** Routes a slash command to its feature; adapters call only this. */
public final class CommandDispatcher {

    public static final String STANDUP = "/standup";
    public static final String INCIDENT = "/incident";
    public static final String TASK = "/task";
    public static final String GATE = "/gate";
    public static final String PHASE = "/phase";
    public static final String DECISION = "/decision";
    public static final String METRIC = "/metric";
    public static final String REVIEW = "/review";
    /** Every slash command the Slack app registers. */
    public static final java.util.List<String> ALL = java.util.List.of(STANDUP, INCIDENT, TASK, GATE, PHASE, "/plan",
            DECISION, METRIC, REVIEW);

    private final StandupCommands standup;
    private final IncidentCommands incident;
    private final PlanCommands plan;
    private final ReviewCommands review;

    public CommandDispatcher(StandupCommands standup, IncidentCommands incident, PlanCommands plan,
                             ReviewCommands review) {
        this.standup = standup;
        this.incident = incident;
        this.plan = plan;
        this.review = review;
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
            case TASK -> plan.task(caller, text);
            case GATE -> plan.gate(caller, text);
            case PHASE, "/plan" -> plan.phase(caller);
            case DECISION -> review.decision(caller, text);
            case METRIC -> review.metric(caller, text);
            case REVIEW -> review.review(caller, text);
            default -> throw new CommandException("Unknown command " + command
                    + ". Commands: " + String.join(", ", ALL) + " (each has `help`).");
        };
    }
}
