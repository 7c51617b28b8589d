package dev.phasebot.command;

/**
 * Who sent a command: the agent they act as (null when a Slack user is not linked to one)
 * and, in Slack, their user id.
 */
public record Caller(String agent, String slackUser) {

    public static Caller agent(String agent) {
        return new Caller(agent, null);
    }

    public boolean isLinked() {
        return agent != null;
    }
}
