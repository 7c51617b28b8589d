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
}
