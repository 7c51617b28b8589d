package dev.phasebot.command;

import java.util.List;
import java.util.Optional;

/** What the command layer needs to know of the team: the agents and who is linked to whom. */
public interface Roster {

    /** The ids of the phase's agents, in the plan's order. */
    List<String> agentIds();

    /** The agent a Slack user acts as, when linked. */
    Optional<String> agentIdForSlackUser(String slackUser);

    default boolean isAgent(String id) {
        return agentIds().contains(id);
    }
}
