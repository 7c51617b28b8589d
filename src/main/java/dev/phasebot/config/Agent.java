package dev.phasebot.config;

/**
 * A specialist of the plan. {@code slackUser} (a user id such as U0123ABCD) or {@code email}
 * links the agent to a Slack account; either may be absent and set later with
 * {@code /standup link}.
 */
public record Agent(String id, String team, boolean lead, String slackUser, String email) {}
