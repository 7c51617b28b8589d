package dev.phasebot.command;

/**
 * Who sent a command: the agent they act as (null when a Slack user is not linked to one),
 * in Slack their user id, and the channel role they typed it in (null when unknown or a DM).
 */
public record Caller(String agent, String slackUser, String channelRole) {

    public static Caller agent(String agent) {
        return new Caller(agent, null, null);
    }

    public boolean isLinked() {
        return agent != null;
    }

    /** The agent acting, or the error that tells an unlinked Slack user how to get linked. */
    public String requireAgent(String lead) {
        if (agent == null) {
            throw CommandException.of(dev.phasebot.message.Doc.of(
                    "You are not linked to an agent of this phase yet. Ask the lead (" + lead + ") to run ",
                    dev.phasebot.message.Span.code("/standup link <agent> @you"),
                    "."));
        }
        return agent;
    }
}
