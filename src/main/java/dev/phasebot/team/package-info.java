/** Agents and the Slack users they are linked to; entry point {@link dev.phasebot.team.AgentDirectory}. Owns the agent_link table. */
package dev.phasebot.team;
