/**
 * Commands as the adapters hand them over: the grammar every slash command shares (tables of
 * subcommands read by {@link dev.phasebot.command.CommandDispatcher}, with help, usage and "did you
 * mean"), who is calling ({@link dev.phasebot.command.AgentDirectory}: the agents and the Slack users
 * linked to them; owns the agent_link table), the readers of what people type that every layer
 * shares ({@link dev.phasebot.command.PlanRefs}, {@link dev.phasebot.command.ArgReader}), replies
 * and user errors. Each feature package holds its own table.
 */
package dev.phasebot.command;
